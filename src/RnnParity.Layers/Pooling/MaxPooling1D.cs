using System.Numerics.Tensors;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>MaxPooling1D</c>: <c>y[n, t, c] = max over the window of x[n, ·, c]</c>; with
/// <c>same</c> padding the padded positions are −∞ (Keras's numpy backend pools with
/// <c>lax.reduce_window(…, -inf, lax.max, …)</c>), so they never win.
/// </summary>
public sealed class MaxPooling1D(int poolSize = 2, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : Pooling1D(poolSize, strides, padding, dataFormat, name)
{
    private protected override void Pool(ReadOnlySpan<float> window, int count, int channels, Span<float> output)
    {
        window.Slice(0, channels).CopyTo(output);
        for (int i = 1; i < count; i++) TensorPrimitives.Max(output, window.Slice(i * channels, channels), output);
    }
}
