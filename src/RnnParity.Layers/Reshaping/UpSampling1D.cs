using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>UpSampling1D(size)</c>: <c>repeat(x, size, axis=1)</c>, each step of a
/// <c>(batch, steps, features)</c> input repeated <c>size</c> times in place. Drops the mask (no masking support in Keras).
/// </summary>
public sealed class UpSampling1D : Layer
{
    public UpSampling1D(int size = 2, string? name = null) : base(name) =>
        Size = size > 0 ? size : throw Error("size", $"should be a positive integer, got {size}.");

    /// <summary>The upsampling factor.</summary>
    public int Size { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3) throw Error("inputs", $"expected ndim=3, found ndim={s.Length}; full shape received: {ShapeUtil.Format(s)}.");
        return [[s[0], s[1] * Size, s[2]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 3) throw Error("inputs", $"expected ndim=3, found ndim={x.Rank}; full shape received: {ShapeUtil.Format(x.Shape)}.");
        int batch = x.Shape[0], steps = x.Shape[1], features = x.Shape[2];
        var y = new Tensor(batch, steps * Size, features);
        for (int s = 0; s < batch * steps; s++)
        {
            ReadOnlySpan<float> row = x.Data.AsSpan(s * features, features);
            for (int r = 0; r < Size; r++) row.CopyTo(y.Data.AsSpan((s * Size + r) * features, features));
        }
        return [y];
    }
}
