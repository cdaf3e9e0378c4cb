using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Ops;

/// <summary>
/// Keras's <c>Cast</c> (<c>keras/src/ops/core.py</c>): to <c>bool</c> (nonzero → 1), to an integer
/// type (truncation toward zero, as NumPy's <c>astype</c>), or to <c>float32</c> (unchanged).
/// </summary>
public sealed class Cast : OpLayer
{
    static readonly string[] Supported = ["float32", "bool", "int32", "int64"];

    public Cast(string dtype, string? name = null) : base(name)
    {
        DType = dtype;
        if (!Supported.Contains(dtype))
            throw new NotSupportedYetException(Name, ClassName, "dtype", $"casting to '{dtype}' is not supported yet (supported: {string.Join(", ", Supported)}).");
    }

    public string DType { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        var y = new Tensor((int[])x.Shape.Clone(), (float[])x.Data.Clone());
        Span<float> v = y.Data;
        if (DType == "bool")
            for (int i = 0; i < v.Length; i++) v[i] = v[i] != 0f ? 1f : 0f;
        else if (DType != "float32")
            for (int i = 0; i < v.Length; i++) v[i] = MathF.Truncate(v[i]);
        return [y];
    }
}

/// <summary><c>keras.ops.logical_not</c>: 1 where x is zero, else 0.</summary>
public sealed class LogicalNot(string? name = null) : OpLayer(name)
{
    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        var y = new Tensor((int[])x.Shape.Clone());
        for (int i = 0; i < y.Length; i++) y.Data[i] = x.Data[i] == 0f ? 1f : 0f;
        return [y];
    }
}
