using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// What Keras's own layer tests (<c>keras/src/layers/rnn/*_test.py</c>) set up: <c>np.arange</c> inputs and
/// <c>initializers.Constant</c> weights, written into our layers as Keras's layer would hold them.
/// </summary>
internal static class KerasCorrectness
{
    /// <summary><c>np.arange(b*t*f).reshape((b, t, f)).astype("float32")</c>.</summary>
    public static Tensor Arange(params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = i;
        return t;
    }

    /// <summary><c>np.ones(shape)</c>.</summary>
    public static Tensor Ones(params int[] shape)
    {
        var t = new Tensor(shape);
        Array.Fill(t.Data, 1f);
        return t;
    }

    /// <summary><c>np.arange(...) * factor</c> as a (batch, units) state.</summary>
    public static Tensor State(int batch, int units, float factor = 1f)
    {
        var t = Arange(batch, units);
        for (int i = 0; i < t.Length; i++) t.Data[i] *= factor;
        return t;
    }

    /// <summary>(batch, timesteps) booleans, flattened as <see cref="Tensor.Mask"/> wants them.</summary>
    public static Tensor WithMask(Tensor x, bool[,] mask)
    {
        var flat = new bool[mask.Length];
        int i = 0;
        foreach (bool m in mask) flat[i++] = m;
        return new Tensor(x.Shape, (float[])x.Data.Clone()) { Mask = flat };
    }

    /// <summary>
    /// Builds the layer for (None, timesteps, features) and fills kernel, recurrent kernel and bias with constants, as
    /// <c>kernel_initializer=Constant(k), recurrent_initializer=Constant(r), bias_initializer=Constant(b)</c> would.
    /// An LSTM with <c>unit_forget_bias=True</c> (Keras's default) gets ones in the forget block instead of the
    /// constant: Keras concatenates <c>[bias_init(units), ones(units), bias_init(2*units)]</c> (lstm.py, LSTMCell.build).
    /// </summary>
    public static T Build<T>(T layer, int timesteps, int features, float kernel = 0.01f, float recurrent = 0.02f, float bias = 0.03f)
        where T : RecurrentLayer
    {
        layer.Build([null, timesteps, features]);
        Fill(layer, kernel, recurrent, bias);
        return layer;
    }

    public static void Fill(RecurrentLayer layer, float kernel, float recurrent, float bias)
    {
        var cell = layer.Cell;
        Array.Fill(cell.Kernel.Data, kernel);
        Array.Fill(cell.RecurrentKernel.Data, recurrent);
        if (cell.Bias is { } b)
        {
            Array.Fill(b.Data, bias);
            if (layer is LSTM { UnitForgetBias: true } lstm)
                Array.Fill(b.Data, 1f, lstm.Units, lstm.Units);
        }
    }

    public static Bidirectional Build(Bidirectional layer, int timesteps, int features,
        (float Kernel, float Recurrent, float Bias)? backward = null)
    {
        layer.Build([null, timesteps, features]);
        Fill(layer.Forward, 0.01f, 0.02f, 0.03f);
        var (k, r, b) = backward ?? (0.01f, 0.02f, 0.03f);
        Fill(layer.Backward, k, r, b);
        return layer;
    }

    /// <summary><c>np.testing.assert_allclose</c>, as Keras's <c>assertAllClose</c> calls it (default atol = rtol = 1e-6).</summary>
    public static void AssertAllClose(Tensor actual, double[,] expected, double atol = 1e-6, double rtol = 1e-6) =>
        AssertAllClose(actual.Shape, actual.Data, [expected.GetLength(0), expected.GetLength(1)], expected.Cast<double>().ToArray(), atol, rtol);

    public static void AssertAllClose(Tensor actual, double[,,] expected, double atol = 1e-6, double rtol = 1e-6) =>
        AssertAllClose(actual.Shape, actual.Data, [expected.GetLength(0), expected.GetLength(1), expected.GetLength(2)], expected.Cast<double>().ToArray(), atol, rtol);

    /// <summary>Item <paramref name="batchIndex"/> of a (batch, timesteps, units) output against a (timesteps, units) literal.</summary>
    public static void AssertItemClose(Tensor actual, int batchIndex, double[,] expected, double atol = 1e-6, double rtol = 1e-6)
    {
        Assert.That(actual.Rank, Is.EqualTo(3), $"output {actual}");
        int n = actual.Shape[1] * actual.Shape[2];
        AssertAllClose(actual.Shape[1..], actual.Data.AsSpan(batchIndex * n, n).ToArray(),
            [expected.GetLength(0), expected.GetLength(1)], expected.Cast<double>().ToArray(), atol, rtol);
    }

    static void AssertAllClose(int[] actualShape, float[] actual, int[] expectedShape, double[] expected, double atol, double rtol)
    {
        Assert.That(actualShape, Is.EqualTo(expectedShape), "shape");
        var bad = new List<string>();
        for (int i = 0; i < expected.Length; i++)
            if (!(System.Math.Abs(actual[i] - expected[i]) <= atol + rtol * System.Math.Abs(expected[i])))
                bad.Add($"[{i}] actual {actual[i]:R}, expected {expected[i]:R}");
        Assert.That(bad, Is.Empty, $"atol {atol}, rtol {rtol}");
    }
}
