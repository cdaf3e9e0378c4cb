namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Keras's <c>Conv3D</c> (<c>keras/src/layers/convolutional/conv3d.py</c>): <see cref="BaseConv"/> over
/// (batch, dim1, dim2, dim3, channels), kernel (k₁, k₂, k₃, channels/groups, filters).
/// </summary>
public sealed class Conv3D : BaseConv
{
    public Conv3D(int filters, int[] kernelSize, int[]? strides = null, string padding = "valid", string? dataFormat = null,
        int[]? dilationRate = null, int groups = 1, string? activation = null, bool useBias = true, string? name = null)
        : base(3, filters, kernelSize, strides ?? [1, 1, 1], padding, dataFormat, dilationRate ?? [1, 1, 1], groups, activation, useBias, name) { }
}
