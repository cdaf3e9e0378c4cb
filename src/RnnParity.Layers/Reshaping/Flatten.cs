using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>Flatten</c>: <c>(batch, d1, ..., dn)</c> → <c>(batch, d1·...·dn)</c>; a rank-1 input becomes
/// <c>(batch, 1)</c>. With <c>channels_first</c> the channel axis is moved last before flattening
/// (<c>transpose(0, 2, ..., n, 1)</c>). Drops the mask (Keras's Flatten does not support masking).
/// </summary>
public sealed class Flatten : Layer
{
    public Flatten(string? dataFormat = null, string? name = null) : base(name) =>
        DataFormat = Reshaping.DataFormat.Standardize(dataFormat) ?? throw Error("data_format", $"{Reshaping.DataFormat.Expected}, got '{dataFormat}'.");

    /// <summary><c>channels_last</c> (default) or <c>channels_first</c>.</summary>
    public string DataFormat { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length < 1) throw Error("inputs", $"expected min_ndim=1, found ndim=0.");
        int? flat = 1;
        foreach (int? d in s[1..]) flat = flat is int f && d is int v ? checked(f * v) : null;
        return [[s[0], flat]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank < 1) throw Error("inputs", "expected min_ndim=1, found ndim=0.");
        int batch = x.Shape[0];
        int flat = checked((int)ShapeUtil.Size(x.Shape.AsSpan(1)));
        float[] data;
        if (DataFormat == Reshaping.DataFormat.ChannelsFirst && x.Rank > 2)
        {
            int[] axes = [0, .. Enumerable.Range(2, x.Rank - 2), 1];
            data = new float[x.Length];
            Transposition.Transpose(x.Data, x.Shape, axes, data);
        }
        else data = (float[])x.Data.Clone();
        return [new Tensor([batch, flat], data)];
    }
}
