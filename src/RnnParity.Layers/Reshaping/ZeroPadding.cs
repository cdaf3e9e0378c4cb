namespace RnnParity.Layers.Reshaping;

/// <summary>Keras's <c>ZeroPadding2D(padding)</c>: <c>((top, bottom), (left, right))</c> rows and columns of zeros
/// around every (rows, cols, channels) image. See <see cref="SpatialSidesLayer"/>.</summary>
public sealed class ZeroPadding2D(((int Top, int Bottom) Rows, (int Left, int Right) Cols) padding, string? dataFormat = null, string? name = null)
    : SpatialSidesLayer("padding", crop: false, [padding.Rows, padding.Cols], dataFormat, name)
{
    /// <summary>The same padding on all four sides (Keras's integer <c>padding</c>; its default is 1).</summary>
    public ZeroPadding2D(int padding = 1, string? dataFormat = null, string? name = null) : this(((padding, padding), (padding, padding)), dataFormat, name) { }

    public ((int Top, int Bottom) Rows, (int Left, int Right) Cols) Padding => (Sides[0], Sides[1]);
}

/// <summary>Keras's <c>ZeroPadding3D(padding)</c>: <c>((before₁, after₁), (before₂, after₂), (before₃, after₃))</c>
/// zeros around the three spatial axes of every (d₁, d₂, d₃, channels) volume. See <see cref="SpatialSidesLayer"/>.</summary>
public sealed class ZeroPadding3D(((int, int) Dim1, (int, int) Dim2, (int, int) Dim3) padding, string? dataFormat = null, string? name = null)
    : SpatialSidesLayer("padding", crop: false, [padding.Dim1, padding.Dim2, padding.Dim3], dataFormat, name)
{
    /// <summary>The same padding on all six sides (Keras's integer <c>padding</c>; its default is 1).</summary>
    public ZeroPadding3D(int padding = 1, string? dataFormat = null, string? name = null) : this(((padding, padding), (padding, padding), (padding, padding)), dataFormat, name) { }

    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Padding => (Sides[0], Sides[1], Sides[2]);
}
