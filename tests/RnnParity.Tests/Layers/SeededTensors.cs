using RnnParity.Core.Tensors;

namespace RnnParity.Tests.Layers;

/// <summary>Seeded inputs and weights for the layer tests, and the double-precision helpers their references use.</summary>
internal static class SeededTensors
{
    /// <summary>Uniform values in [-1, 1) from <c>new Random(seed)</c>.</summary>
    public static Tensor Uniform(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(random.NextDouble() * 2 - 1);
        return t;
    }

    /// <summary><c>np.arange(n).reshape(shape).astype("float32")</c>.</summary>
    public static Tensor Arange(params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = i;
        return t;
    }

    /// <summary>Row-major offset of an index into a shape.</summary>
    public static int Offset(int[] shape, params int[] index)
    {
        int offset = 0;
        for (int d = 0; d < shape.Length; d++) offset = offset * shape[d] + index[d];
        return offset;
    }

    /// <summary>Asserts equal shapes and every value within <paramref name="tolerance"/>, naming the first index that is not.</summary>
    public static void AssertClose(Tensor actual, int[] expectedShape, double[] expected, double tolerance, string what = "")
    {
        Assert.That(actual.Shape, Is.EqualTo(expectedShape), $"{what} shape");
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(actual.Data[i] - expected[i]) <= tolerance) && !(double.IsNaN(expected[i]) && float.IsNaN(actual.Data[i])))
                Assert.Fail($"{what} element {i}: actual {actual.Data[i]}, expected {expected[i]} (tolerance {tolerance})");
    }

    /// <summary>A (batch, steps) mask flattened as <see cref="Tensor.Mask"/> holds it.</summary>
    public static bool[] Mask(int[,] mask)
    {
        var flat = new bool[mask.Length];
        int i = 0;
        foreach (int m in mask) flat[i++] = m != 0;
        return flat;
    }

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
