using RnnParity.Core.Tensors;

namespace RnnParity.Tests.Layers;

/// <summary>Seeded random inputs and weights for the layer tests (System.Random: reproducible, no fixtures needed).</summary>
internal static class SeededTensors
{
    /// <summary>Uniform in [offset − scale, offset + scale).</summary>
    public static Tensor Uniform(Random rng, int[] shape, double scale = 1.0, double offset = 0.0)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(offset + scale * (2 * rng.NextDouble() - 1));
        return t;
    }

    /// <summary>Fills every weight of a built layer with uniform values in [low, high).</summary>
    public static void FillWeights(RnnParity.Layers.Layer layer, Random rng, double low = -1.0, double high = 1.0)
    {
        foreach (var w in layer.Weights)
            for (int i = 0; i < w.Data.Length; i++) w.Data[i] = (float)(low + (high - low) * rng.NextDouble());
    }

    /// <summary>(batch, steps) mask with the last <c>pad[b]</c> steps of row b masked.</summary>
    public static bool[] PostPadding(int steps, params int[] pad)
    {
        var mask = new bool[pad.Length * steps];
        for (int b = 0; b < pad.Length; b++)
            for (int t = 0; t < steps; t++) mask[b * steps + t] = t < steps - pad[b];
        return mask;
    }
}
