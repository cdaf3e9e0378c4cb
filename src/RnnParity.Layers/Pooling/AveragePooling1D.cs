using System.Numerics.Tensors;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>AveragePooling1D</c>: the mean of the window's positions inside the input. With
/// <c>same</c> padding the divisor counts only those positions, not the padding (Keras's numpy
/// backend divides by a pooled window of ones).
/// </summary>
public sealed class AveragePooling1D(int poolSize, int? strides = null, string padding = "valid", string? dataFormat = null, string? name = null)
    : Pooling1D(poolSize, strides, padding, dataFormat, name)
{
    private protected override void Pool(ReadOnlySpan<float> window, int count, int channels, Span<float> output)
    {
        window.Slice(0, channels).CopyTo(output);
        for (int i = 1; i < count; i++) TensorPrimitives.Add(output, window.Slice(i * channels, channels), output);
        TensorPrimitives.Divide(output, count, output);
    }
}
