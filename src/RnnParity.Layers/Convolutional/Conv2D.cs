namespace RnnParity.Layers.Convolutional;

/// <summary>
/// Keras's <c>Conv2D</c> (<c>keras/src/layers/convolutional/conv2d.py</c>): <see cref="BaseConv"/> over
/// (batch, rows, cols, channels), kernel (k_rows, k_cols, channels/groups, filters).
/// </summary>
public sealed class Conv2D : BaseConv
{
    public Conv2D(int filters, int[] kernelSize, int[]? strides = null, string padding = "valid", string? dataFormat = null,
        int[]? dilationRate = null, int groups = 1, string? activation = null, bool useBias = true, string? name = null)
        : base(2, filters, kernelSize, strides ?? [1, 1], padding, dataFormat, dilationRate ?? [1, 1], groups, activation, useBias, name) { }

    /// <summary>Square kernel, strides and dilation, as Keras's integer arguments.</summary>
    public Conv2D(int filters, int kernelSize, int strides = 1, string padding = "valid", int dilationRate = 1, int groups = 1,
        string? activation = null, bool useBias = true, string? name = null)
        : this(filters, [kernelSize, kernelSize], [strides, strides], padding, null, [dilationRate, dilationRate], groups, activation, useBias, name) { }
}
