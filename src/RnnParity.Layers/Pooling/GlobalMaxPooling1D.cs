using System.Numerics.Tensors;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>GlobalMaxPooling1D</c>: <c>y[n, c] = max_t x[n, t, c]</c> over <b>every</b> step. Keras
/// 3.15 does not support masking here (no <c>compute_mask</c>, <c>call</c> takes no mask): an incoming
/// mask is ignored, masked steps included (after a recurrent layer with <c>zero_output_for_mask</c>
/// they are zeros and can win), and dropped, with a warning in Keras.
/// </summary>
public sealed class GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepdims, name)
{
    private protected override void Reduce(ReadOnlySpan<float> sequence, ReadOnlySpan<bool> mask, int steps, int channels, Span<float> output)
    {
        sequence.Slice(0, channels).CopyTo(output);
        for (int t = 1; t < steps; t++) TensorPrimitives.Max(output, sequence.Slice(t * channels, channels), output);
    }
}
