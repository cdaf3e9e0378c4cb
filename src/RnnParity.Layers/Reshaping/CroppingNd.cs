using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Reshaping;

/// <summary>
/// Keras's <c>Cropping2D</c>/<c>Cropping3D</c> on N spatial axes: drops <c>sides[a] = (before, after)</c> positions of
/// spatial axis a of every channels_last sample, so out[a] = in[a] − before − after, which must stay positive, and
/// y[n, i…, c] = x[n, (i + before)…, c]. Drops the mask. <c>channels_first</c> is not supported yet.
/// </summary>
public abstract class CroppingNd : Layer
{
    private protected CroppingNd((int Before, int After)[] sides, string? dataFormat, string? name) : base(name)
    {
        Sides = SpatialBlocks.NonNegative(sides, "cropping", Error);
        SpatialBlocks.RequireChannelsLast(dataFormat, this, Error);
    }

    /// <summary>(before, after) of each spatial axis, in axis order.</summary>
    public IReadOnlyList<(int Before, int After)> Sides { get; }

    int? Cropped(int? size, int axis, Func<string> shape) => size is not int n ? null
        : n - Sides[axis].Before - Sides[axis].After > 0 ? n - Sides[axis].Before - Sides[axis].After
        : throw Error("cropping", $"values should be smaller than the corresponding spatial dimension of the input; input shape {shape()}, cropping {SpatialBlocks.Format([.. Sides])}.");

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        int?[] s = inputShapes[0];
        SpatialBlocks.CheckRank(Sides.Count, s.Length, () => ShapeUtil.Format(s), Error);
        var output = (int?[])s.Clone();
        for (int a = 0; a < Sides.Count; a++) output[a + 1] = Cropped(s[a + 1], a, () => ShapeUtil.Format(s));
        return [output];
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        Tensor x = inputs[0];
        SpatialBlocks.CheckRank(Sides.Count, x.Rank, () => ShapeUtil.Format(x.Shape), Error);
        var shape = (int[])x.Shape.Clone();
        Span<int> before = stackalloc int[Sides.Count];
        for (int a = 0; a < Sides.Count; a++) { before[a] = Sides[a].Before; shape[a + 1] = Cropped(x.Shape[a + 1], a, () => ShapeUtil.Format(x.Shape))!.Value; }
        var y = new Tensor(shape);
        SpatialBlocks.CopyBlock(x, before, y, stackalloc int[Sides.Count], shape.AsSpan(1, Sides.Count));
        return [y];
    }
}

/// <summary>Keras's <c>Cropping2D(cropping)</c>: drops <c>((top, bottom), (left, right))</c> rows and columns of every
/// (rows, cols, channels) image. See <see cref="CroppingNd"/>.</summary>
public sealed class Cropping2D : CroppingNd
{
    public Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) cropping, string? dataFormat = null, string? name = null)
        : base([cropping.Rows, cropping.Cols], dataFormat, name) { }

    /// <summary>The same crop on all four sides (Keras's integer <c>cropping</c>; its default is 0).</summary>
    public Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null) : this(((cropping, cropping), (cropping, cropping)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Cropping => (Sides[0], Sides[1]);
}

/// <summary>Keras's <c>Cropping3D(cropping)</c>: drops <c>((before₁, after₁), (before₂, after₂), (before₃, after₃))</c>
/// positions of the three spatial axes of every (d₁, d₂, d₃, channels) volume. See <see cref="CroppingNd"/>.</summary>
public sealed class Cropping3D : CroppingNd
{
    public Cropping3D(((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) cropping, string? dataFormat = null, string? name = null)
        : base([cropping.Dim1, cropping.Dim2, cropping.Dim3], dataFormat, name) { }

    /// <summary>The same crop on all six sides (Keras's integer <c>cropping</c>; unlike Cropping2D's 0, its default is 1).</summary>
    public Cropping3D(int cropping = 1, string? dataFormat = null, string? name = null)
        : this(((cropping, cropping), (cropping, cropping), (cropping, cropping)), dataFormat, name) { }

    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Cropping => (Sides[0], Sides[1], Sides[2]);
}
