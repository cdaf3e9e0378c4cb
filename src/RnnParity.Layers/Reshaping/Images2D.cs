using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>Block copies between channels_last (batch, rows, cols, channels) images, for ZeroPadding2D and Cropping2D.</summary>
internal static class Images2D
{
    /// <summary>Copies a <paramref name="rows"/> × <paramref name="cols"/> block of every image of <paramref name="source"/>
    /// starting at (<paramref name="sourceRow"/>, <paramref name="sourceCol"/>) into <paramref name="target"/> at
    /// (<paramref name="targetRow"/>, <paramref name="targetCol"/>), one contiguous row of cols·channels at a time.</summary>
    public static void CopyBlock(Tensor source, int sourceRow, int sourceCol, Tensor target, int targetRow, int targetCol, int rows, int cols)
    {
        int batch = source.Shape[0], channels = source.Shape[3];
        int sh = source.Shape[1], sw = source.Shape[2], th = target.Shape[1], tw = target.Shape[2];
        for (int n = 0; n < batch; n++)
            for (int r = 0; r < rows; r++)
                source.Data.AsSpan(((n * sh + sourceRow + r) * sw + sourceCol) * channels, cols * channels)
                    .CopyTo(target.Data.AsSpan(((n * th + targetRow + r) * tw + targetCol) * channels));
    }

    public static void CheckRank(int rank, Func<string> shape, Func<string, string, Exception> error)
    {
        if (rank != 4) throw error("inputs", $"expected ndim=4 (batch, rows, cols, channels), found ndim={rank}; full shape received: {shape()}.");
    }

    /// <summary>A ((top, bottom), (left, right)) option of non-negative integers.</summary>
    public static ((int, int), (int, int)) NonNegative(((int, int), (int, int)) value, string option, Func<string, string, Exception> error)
    {
        var ((a, b), (c, d)) = value;
        return a < 0 || b < 0 || c < 0 || d < 0
            ? throw error(option, $"expected non-negative integers, got (({a}, {b}), ({c}, {d})).")
            : value;
    }
}

/// <summary>
/// Keras's <c>ZeroPadding2D(padding)</c>: <c>((top, bottom), (left, right))</c> rows and columns of zeros
/// around every (rows, cols, channels) image. Drops the mask. <c>channels_first</c> is not supported yet.
/// </summary>
public sealed class ZeroPadding2D : Layer
{
    public ZeroPadding2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) padding, string? dataFormat = null, string? name = null) : base(name)
    {
        Padding = Images2D.NonNegative(padding, "padding", Error);
        if ((DataFormat.Standardize(dataFormat) ?? throw Error("data_format", $"{DataFormat.Expected}, got '{dataFormat}'.")) == DataFormat.ChannelsFirst)
            throw new NotSupportedYetException(Name, ClassName, "data_format", "channels_first.");
    }

    /// <summary>The same padding on all four sides (Keras's integer <c>padding</c>; its default is 1).</summary>
    public ZeroPadding2D(int padding = 1, string? dataFormat = null, string? name = null) : this(((padding, padding), (padding, padding)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Padding { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        Images2D.CheckRank(s.Length, () => ShapeUtil.Format(s), Error);
        return [[s[0], s[1] + Padding.Rows.Top + Padding.Rows.Bottom, s[2] + Padding.Cols.Left + Padding.Cols.Right, s[3]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        Images2D.CheckRank(x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        int rows = x.Shape[1], cols = x.Shape[2];
        var y = new Tensor(x.Shape[0], rows + Padding.Rows.Top + Padding.Rows.Bottom, cols + Padding.Cols.Left + Padding.Cols.Right, x.Shape[3]);
        Images2D.CopyBlock(x, 0, 0, y, Padding.Rows.Top, Padding.Cols.Left, rows, cols);
        return [y];
    }
}

/// <summary>
/// Keras's <c>Cropping2D(cropping)</c>: drops <c>((top, bottom), (left, right))</c> rows and columns of every
/// (rows, cols, channels) image; the crop must be smaller than each axis. Drops the mask.
/// <c>channels_first</c> is not supported yet.
/// </summary>
public sealed class Cropping2D : Layer
{
    public Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) cropping, string? dataFormat = null, string? name = null) : base(name)
    {
        Cropping = Images2D.NonNegative(cropping, "cropping", Error);
        if ((DataFormat.Standardize(dataFormat) ?? throw Error("data_format", $"{DataFormat.Expected}, got '{dataFormat}'.")) == DataFormat.ChannelsFirst)
            throw new NotSupportedYetException(Name, ClassName, "data_format", "channels_first.");
    }

    /// <summary>The same crop on all four sides (Keras's integer <c>cropping</c>; its default is 0).</summary>
    public Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null) : this(((cropping, cropping), (cropping, cropping)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Cropping { get; }

    int? Cropped(int? size, (int, int) crop, Func<string> shape) => size is not int n ? null
        : n - crop.Item1 - crop.Item2 > 0 ? n - crop.Item1 - crop.Item2
        : throw Error("cropping", $"values should be smaller than the corresponding spatial dimension of the input; input shape {shape()}, cropping (({Cropping.Rows.Top}, {Cropping.Rows.Bottom}), ({Cropping.Cols.Left}, {Cropping.Cols.Right})).");

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        Images2D.CheckRank(s.Length, () => ShapeUtil.Format(s), Error);
        return [[s[0], Cropped(s[1], Cropping.Rows, () => ShapeUtil.Format(s)), Cropped(s[2], Cropping.Cols, () => ShapeUtil.Format(s)), s[3]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        Images2D.CheckRank(x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        int rows = Cropped(x.Shape[1], Cropping.Rows, () => ShapeUtil.Format(x.Shape))!.Value;
        int cols = Cropped(x.Shape[2], Cropping.Cols, () => ShapeUtil.Format(x.Shape))!.Value;
        var y = new Tensor(x.Shape[0], rows, cols, x.Shape[3]);
        Images2D.CopyBlock(x, Cropping.Rows.Top, Cropping.Cols.Left, y, 0, 0, rows, cols);
        return [y];
    }
}

/// <summary>
/// Keras's <c>UpSampling2D(size, interpolation="nearest")</c>: every row repeated size[0] times and every
/// column size[1] times (<c>ops.repeat</c> on both axes). Other interpolations and <c>channels_first</c>
/// are not supported yet. Drops the mask.
/// </summary>
public sealed class UpSampling2D : Layer
{
    public UpSampling2D(int[]? size = null, string? dataFormat = null, string interpolation = "nearest", string? name = null) : base(name)
    {
        Size = size ?? [2, 2];
        if (Size.Length != 2 || Size.Any(v => v <= 0))
            throw Error("size", $"expected 2 positive integers, got ({string.Join(", ", Size)}).");
        if ((DataFormat.Standardize(dataFormat) ?? throw Error("data_format", $"{DataFormat.Expected}, got '{dataFormat}'.")) == DataFormat.ChannelsFirst)
            throw new NotSupportedYetException(Name, ClassName, "data_format", "channels_first.");
        Interpolation = interpolation.ToLowerInvariant();
        if (Interpolation != "nearest")
            throw new NotSupportedYetException(Name, ClassName, "interpolation", $"interpolation=\"{interpolation}\" (only \"nearest\").");
    }

    public int[] Size { get; }

    public string Interpolation { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        Images2D.CheckRank(s.Length, () => ShapeUtil.Format(s), Error);
        return [[s[0], s[1] * Size[0], s[2] * Size[1], s[3]]];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        Images2D.CheckRank(x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        int batch = x.Shape[0], rows = x.Shape[1], cols = x.Shape[2], channels = x.Shape[3];
        int outCols = cols * Size[1], outRow = outCols * channels;
        var y = new Tensor(batch, rows * Size[0], outCols, channels);
        for (int n = 0; n < batch; n++)
            for (int r = 0; r < rows; r++)
            {
                Span<float> first = y.Data.AsSpan((n * rows * Size[0] + r * Size[0]) * outRow, outRow);
                for (int c = 0; c < outCols; c++)
                    x.Data.AsSpan(((n * rows + r) * cols + c / Size[1]) * channels, channels).CopyTo(first.Slice(c * channels));
                for (int k = 1; k < Size[0]; k++) first.CopyTo(y.Data.AsSpan((n * rows * Size[0] + r * Size[0] + k) * outRow));
            }
        return [y];
    }
}
