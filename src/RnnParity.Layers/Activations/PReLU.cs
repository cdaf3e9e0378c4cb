using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Activations;

/// <summary>
/// Keras's <c>PReLU(shared_axes)</c>: <c>x</c> for <c>x ≥ 0</c>, <c>alpha · x</c> otherwise, with a learned
/// <c>alpha</c> of shape <c>input_shape[1:]</c> where each of <see cref="SharedAxes"/> (1-based, the batch is
/// axis 0) has size 1 and is broadcast. Its initializer, regularizer and constraint only matter in
/// training. Shape and mask pass through.
/// </summary>
public sealed class PReLU : Layer
{
    Variable? _alpha;

    public PReLU(int[]? sharedAxes = null, string? name = null) : base(name) => SharedAxes = sharedAxes is null ? null : (int[])sharedAxes.Clone();

    /// <summary>Axes along which alpha is shared, counted as Keras counts them (1 = first after the batch); null for none.</summary>
    public IReadOnlyList<int>? SharedAxes { get; }

    public override IReadOnlyList<Variable> Weights => _alpha is null ? [] : [_alpha];

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length < 2) throw Error("inputs", $"expected at least (batch, features), got {ShapeUtil.Format(s)}.");
        if (SharedAxes is not null && SharedAxes.Any(a => a < 1 || a >= s.Length))
            throw Error("shared_axes", $"axes count from 1 (after the batch) up to {s.Length - 1} for input {ShapeUtil.Format(s)}, got [{string.Join(", ", SharedAxes)}].");
        var shape = new int[s.Length - 1];
        for (int i = 1; i < s.Length; i++)
        {
            if (SharedAxes?.Contains(i) == true) { shape[i - 1] = 1; continue; }
            shape[i - 1] = s[i] ?? throw Error("input_shape", $"axis {i} must be known to size alpha (or be listed in shared_axes), got {ShapeUtil.Format(s)}.");
        }
        _alpha = new Variable("alpha", shape);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        int[] alphaShape = _alpha!.Shape;
        // Keras's InputSpec(ndim, axes): the rank and every unshared axis are fixed by build.
        bool fits = x.Rank == alphaShape.Length + 1;
        for (int i = 1; fits && i < x.Rank; i++) fits = alphaShape[i - 1] == 1 && SharedAxes?.Contains(i) == true || alphaShape[i - 1] == x.Shape[i];
        if (!fits) throw Error("inputs", $"expected ({string.Join(", ", ["None", .. alphaShape.Select((d, i) => SharedAxes?.Contains(i + 1) == true ? "None" : d.ToString())])}), got {ShapeUtil.Format(x.Shape)}.");
        float[] alpha = Broadcast(_alpha.Data, alphaShape, x.Shape[1..]);
        var y = new Tensor((int[])x.Shape.Clone());
        int sample = alpha.Length;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x.Data[i];
            y.Data[i] = v >= 0f ? v : alpha[i % sample] * v;
        }
        y.Mask = x.Mask;
        return [y];
    }

    /// <summary>alpha repeated along its size-1 (shared) axes to one sample's shape.</summary>
    static float[] Broadcast(float[] alpha, int[] alphaShape, int[] sampleShape)
    {
        var result = new float[ShapeUtil.Size(sampleShape)];
        int rank = sampleShape.Length;
        for (int i = 0; i < result.Length; i++)
        {
            int rest = i, a = 0, stride = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                int coord = rest % sampleShape[d];
                rest /= sampleShape[d];
                if (alphaShape[d] != 1) a += coord * stride;
                stride *= alphaShape[d];
            }
            result[i] = alpha[a];
        }
        return result;
    }
}
