using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>ZeroPadding1D(padding)</c>: adds <c>padding.Left</c> zero steps before and <c>padding.Right</c>
/// after along the steps axis (axis 1; axis 2 with <c>channels_first</c>) of a rank-3 input.
/// Drops the mask (no masking support in Keras).
/// </summary>
public sealed class ZeroPadding1D : Layer
{
    /// <summary>The same padding on both sides (Keras's integer <c>padding</c>, default 1).</summary>
    public ZeroPadding1D(int padding = 1, string? dataFormat = null, string? name = null) : this((padding, padding), dataFormat, name) { }

    public ZeroPadding1D((int Left, int Right) padding, string? dataFormat = null, string? name = null) : base(name)
    {
        if (padding.Left < 0 || padding.Right < 0)
            throw Error("padding", $"expected a tuple of 2 integers >= 0, got ({padding.Left}, {padding.Right}).");
        Padding = padding;
        DataFormat = Reshaping.DataFormat.Standardize(dataFormat) ?? throw Error("data_format", $"{Reshaping.DataFormat.Expected}, got '{dataFormat}'.");
    }

    public (int Left, int Right) Padding { get; }

    public string DataFormat { get; }

    int Axis => DataFormat == Reshaping.DataFormat.ChannelsFirst ? 2 : 1;

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        if (s.Length != 3) throw Error("inputs", $"expected ndim=3, found ndim={s.Length}; full shape received: {ShapeUtil.Format(s)}.");
        int?[] o = (int?[])s.Clone();
        if (o[Axis] is int n) o[Axis] = n + Padding.Left + Padding.Right;
        return [o];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        if (x.Rank != 3) throw Error("inputs", $"expected ndim=3, found ndim={x.Rank}; full shape received: {ShapeUtil.Format(x.Shape)}.");
        int[] shape = (int[])x.Shape.Clone();
        shape[Axis] += Padding.Left + Padding.Right;
        var y = new Tensor(shape);
        // Rows of the padded axis: (batch) blocks of (steps × features) for channels_last, (batch·channels) rows of steps otherwise.
        int outer = Axis == 1 ? x.Shape[0] : x.Shape[0] * x.Shape[1];
        int inner = Axis == 1 ? x.Shape[2] : 1;
        int steps = x.Shape[Axis], padded = shape[Axis];
        for (int o = 0; o < outer; o++)
            x.Data.AsSpan(o * steps * inner, steps * inner).CopyTo(y.Data.AsSpan((o * padded + Padding.Left) * inner));
        return [y];
    }
}
