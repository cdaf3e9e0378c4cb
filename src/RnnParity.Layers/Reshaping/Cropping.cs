namespace RnnParity.Layers.Reshaping;

/// <summary>Keras's <c>Cropping2D(cropping)</c>: drops <c>((top, bottom), (left, right))</c> rows and columns of every
/// (rows, cols, channels) image. See <see cref="SpatialSidesLayer"/>.</summary>
public sealed class Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) cropping, string? dataFormat = null, string? name = null)
    : SpatialSidesLayer("cropping", crop: true, [cropping.Rows, cropping.Cols], dataFormat, name)
{
    /// <summary>The same crop on all four sides (Keras's integer <c>cropping</c>; its default is 0).</summary>
    public Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null) : this(((cropping, cropping), (cropping, cropping)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Cropping => (Sides[0], Sides[1]);
}

/// <summary>Keras's <c>Cropping3D(cropping)</c>: drops <c>((before₁, after₁), (before₂, after₂), (before₃, after₃))</c>
/// positions of the three spatial axes of every (d₁, d₂, d₃, channels) volume. See <see cref="SpatialSidesLayer"/>.</summary>
public sealed class Cropping3D(((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) cropping, string? dataFormat = null, string? name = null)
    : SpatialSidesLayer("cropping", crop: true, [cropping.Dim1, cropping.Dim2, cropping.Dim3], dataFormat, name)
{
    /// <summary>The same crop on all six sides (Keras's integer <c>cropping</c>; unlike Cropping2D's 0, its default is 1).</summary>
    public Cropping3D(int cropping = 1, string? dataFormat = null, string? name = null) : this(((cropping, cropping), (cropping, cropping), (cropping, cropping)), dataFormat, name) { }

    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Cropping => (Sides[0], Sides[1], Sides[2]);
}
