using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>ZeroPadding2D</c>/<c>ZeroPadding3D</c> on N spatial axes: <c>sides[a] = (before, after)</c> zeros around
/// spatial axis a of every channels_last sample, so out[a] = in[a] + before + after and
/// y[n, i…, c] = x[n, (i − before)…, c] inside, 0 outside. Drops the mask (Keras's layers do not support masking).
/// <c>channels_first</c> is not supported yet.
/// </summary>
public abstract class ZeroPaddingNd : Layer
{
    private protected ZeroPaddingNd((int Before, int After)[] sides, string? dataFormat, string? name) : base(name)
    {
        Sides = SpatialBlocks.NonNegative(sides, "padding", Error);
        SpatialBlocks.RequireChannelsLast(dataFormat, this, Error);
    }

    /// <summary>(before, after) of each spatial axis, in axis order.</summary>
    public IReadOnlyList<(int Before, int After)> Sides { get; }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        SpatialBlocks.CheckRank(Sides.Count, s.Length, () => ShapeUtil.Format(s), Error);
        var output = (int?[])s.Clone();
        for (int a = 0; a < Sides.Count; a++) output[a + 1] += Sides[a].Before + Sides[a].After;
        return [output];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        SpatialBlocks.CheckRank(Sides.Count, x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        var shape = (int[])x.Shape.Clone();
        Span<int> before = stackalloc int[Sides.Count];
        for (int a = 0; a < Sides.Count; a++) { before[a] = Sides[a].Before; shape[a + 1] += Sides[a].Before + Sides[a].After; }
        var y = new Tensor(shape);
        SpatialBlocks.CopyBlock(x, stackalloc int[Sides.Count], y, before, x.Shape.AsSpan(1, Sides.Count));
        return [y];
    }
}

/// <summary>Keras's <c>ZeroPadding2D(padding)</c>: <c>((top, bottom), (left, right))</c> rows and columns of zeros
/// around every (rows, cols, channels) image. See <see cref="ZeroPaddingNd"/>.</summary>
public sealed class ZeroPadding2D : ZeroPaddingNd
{
    public ZeroPadding2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) padding, string? dataFormat = null, string? name = null)
        : base([padding.Rows, padding.Cols], dataFormat, name) { }

    /// <summary>The same padding on all four sides (Keras's integer <c>padding</c>; its default is 1).</summary>
    public ZeroPadding2D(int padding = 1, string? dataFormat = null, string? name = null) : this(((padding, padding), (padding, padding)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Padding => (Sides[0], Sides[1]);
}

/// <summary>Keras's <c>ZeroPadding3D(padding)</c>: <c>((before₁, after₁), (before₂, after₂), (before₃, after₃))</c>
/// zeros around the three spatial axes of every (d₁, d₂, d₃, channels) volume. See <see cref="ZeroPaddingNd"/>.</summary>
public sealed class ZeroPadding3D : ZeroPaddingNd
{
    public ZeroPadding3D(((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) padding, string? dataFormat = null, string? name = null)
        : base([padding.Dim1, padding.Dim2, padding.Dim3], dataFormat, name) { }

    /// <summary>The same padding on all six sides (Keras's integer <c>padding</c>; its default is 1).</summary>
    public ZeroPadding3D(int padding = 1, string? dataFormat = null, string? name = null)
        : this(((padding, padding), (padding, padding), (padding, padding)), dataFormat, name) { }

    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Padding => (Sides[0], Sides[1], Sides[2]);
}
