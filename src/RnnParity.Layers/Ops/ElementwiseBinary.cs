using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Ops;

/// <summary>
/// Keras's two-argument element-wise operations (<c>keras/src/ops/numpy.py</c>), NumPy broadcasting;
/// either argument may be a constant recorded in the node (<c>NotEqual(x, 0.0)</c>). Comparisons
/// and logical operations give booleans as 0/1.
/// </summary>
public abstract class ElementwiseBinary(string? name) : OpLayer(name)
{
    /// <summary>The function on one pair of elements.</summary>
    protected abstract float Apply(float x1, float x2);

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        if (inputShapes.Count != 2) throw Error("inputs", $"takes two arguments (x1, x2), got {inputShapes.Count}.");
        return [Broadcast.Shapes(inputShapes[0], inputShapes[1])
            ?? throw Error("inputs", $"cannot broadcast shapes {ShapeUtil.Format(inputShapes[0])} and {ShapeUtil.Format(inputShapes[1])}.")];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        if (inputs.Count != 2) throw Error("inputs", $"takes two arguments (x1, x2), got {inputs.Count}.");
        try { return [Broadcast.Apply(inputs[0], inputs[1], Apply, $"{ClassName} '{Name}'")]; }
        catch (ArgumentException e) { throw Error("inputs", e.Message); }
    }

    protected static float Bool(bool b) => b ? 1f : 0f;
}

/// <summary><c>keras.ops.add</c>: x1 + x2.</summary>
public sealed class Add(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => x1 + x2; }

/// <summary><c>keras.ops.subtract</c>: x1 − x2.</summary>
public sealed class Subtract(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => x1 - x2; }

/// <summary><c>keras.ops.multiply</c>: x1 · x2.</summary>
public sealed class Multiply(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => x1 * x2; }

/// <summary><c>keras.ops.divide</c>: x1 / x2 (true division, IEEE: x/0 is ±inf, 0/0 NaN).</summary>
public sealed class Divide(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => x1 / x2; }

/// <summary><c>keras.ops.maximum</c>: NumPy's <c>maximum</c>, NaN if either is NaN.</summary>
public sealed class Maximum(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => float.IsNaN(x1) || float.IsNaN(x2) ? float.NaN : MathF.Max(x1, x2); }

/// <summary><c>keras.ops.minimum</c>: NumPy's <c>minimum</c>, NaN if either is NaN.</summary>
public sealed class Minimum(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => float.IsNaN(x1) || float.IsNaN(x2) ? float.NaN : MathF.Min(x1, x2); }

/// <summary><c>keras.ops.equal</c>: x1 == x2 (bool).</summary>
public sealed class Equal(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 == x2); }

/// <summary><c>keras.ops.not_equal</c>: x1 != x2 (bool; NaN != NaN is true).</summary>
public sealed class NotEqual(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 != x2); }

/// <summary><c>keras.ops.greater</c>: x1 &gt; x2 (bool).</summary>
public sealed class Greater(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 > x2); }

/// <summary><c>keras.ops.greater_equal</c>: x1 ≥ x2 (bool).</summary>
public sealed class GreaterEqual(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 >= x2); }

/// <summary><c>keras.ops.less</c>: x1 &lt; x2 (bool).</summary>
public sealed class Less(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 < x2); }

/// <summary><c>keras.ops.less_equal</c>: x1 ≤ x2 (bool).</summary>
public sealed class LessEqual(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 <= x2); }

/// <summary><c>keras.ops.logical_and</c>: both nonzero (bool).</summary>
public sealed class LogicalAnd(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 != 0f && x2 != 0f); }

/// <summary><c>keras.ops.logical_or</c>: either nonzero (bool).</summary>
public sealed class LogicalOr(string? name = null) : ElementwiseBinary(name) { protected override float Apply(float x1, float x2) => Bool(x1 != 0f || x2 != 0f); }
