using System.Numerics.Tensors;

namespace RnnParity.Layers.Pooling;

/// <summary>
/// Keras's <c>GlobalAveragePooling1D</c>: <c>y[n, c] = Σ_t m[n, t]·x[n, t, c] / Σ_t m[n, t]</c>, the mean
/// over the kept steps (all steps without a mask). A row with every step masked divides 0 by 0 and
/// gives NaN, as Keras does. The mask is consumed: the output has none (<c>compute_mask</c> returns None).
/// </summary>
public sealed class GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepdims, name)
{
    private protected override void Reduce(ReadOnlySpan<float> sequence, ReadOnlySpan<bool> mask, int steps, int channels, Span<float> output)
    {
        output.Clear();
        int kept = 0;
        for (int t = 0; t < steps; t++)
        {
            if (!mask.IsEmpty && !mask[t]) continue;
            TensorPrimitives.Add(output, sequence.Slice(t * channels, channels), output);
            kept++;
        }
        TensorPrimitives.Divide(output, kept, output);
    }
}
