using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="ConvLSTM1D"/>: Keras's own <c>keras/src/layers/rnn/conv_lstm1d_test.py</c> (shapes of
/// <c>test_basics</c>, the literal values of <c>test_correctness</c>) and, on seeded weights, a
/// step-by-step ConvLSTM written here in double from the cell's equations (conv_lstm.py).
/// </summary>
[TestFixture]
public sealed class ConvLSTM1DTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase("same", false, new[] { 3, 2, 4, 3 }, new[] { 3, 4, 5 })]
    [TestCase("valid", false, new[] { 3, 2, 8, 3 }, new[] { 3, 6, 5 })]
    [TestCase("valid", true, new[] { 3, 2, 8, 3 }, new[] { 3, 2, 6, 5 })]
    public void Keras_basics_shapes(string padding, bool returnSequences, int[] input, int[] output)
    {
        var layer = new ConvLSTM1D(5, 3, padding: padding, returnSequences: returnSequences);
        layer.Build([null, input[1], input[2], input[3]]);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(output[1..].Select(d => (int?)d)));
        Assert.That(layer.Weights.Count(w => w.Trainable), Is.EqualTo(3), "expected_num_trainable_weights=3");
        Assert.That(layer.Weights.Select(w => w.Shape), Is.EqualTo(new[] { new[] { 3, 3, 20 }, new[] { 3, 5, 20 }, new[] { 20 } }));
        Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output));
    }

    [Test]
    public void Keras_correctness_literals()
    {
        // conv_lstm1d_test.py test_correctness: arange(120)/10 as (2, 3, 4, 5), ConvLSTM1D(2, 3) with
        // Constant(0.01) kernel, Constant(0.02) recurrent, Constant(0.03) bias (unit_forget_bias: ones in f).
        var x = Arange(2, 3, 4, 5);
        for (int i = 0; i < x.Length; i++) x.Data[i] /= 10;
        var layer = new ConvLSTM1D(2, 3);
        layer.Build([null, 3, 4, 5]);
        Array.Fill(layer.Weights[0].Data, 0.01f);
        Array.Fill(layer.Weights[1].Data, 0.02f);
        Array.Fill(layer.Weights[2].Data, 0.03f);
        Array.Fill(layer.Weights[2].Data, 1f, 2, 2);
        double[] expected = [0.40807986, 0.40807986, 0.46421072, 0.46421072, 0.80933154, 0.80933154, 0.8233646, 0.8233646];
        AssertClose(layer.Call(x), [2, 2, 2], expected, 1e-6);
    }

    [TestCase(3, 1, "valid", 1, false, false)]
    [TestCase(3, 1, "same", 1, false, true)]
    [TestCase(2, 2, "same", 1, true, false)]
    [TestCase(3, 1, "same", 2, true, true)]
    [TestCase(4, 1, "same", 1, false, true)]
    public void Matches_the_cell_equations_in_double(int kernel, int strides, string padding, int dilation, bool goBackwards, bool masked)
    {
        Tensor x = Uniform(40, 2, 5, 7, 3);
        if (masked) x.Mask = Mask(new[,] { { 1, 1, 0, 1, 0 }, { 1, 0, 0, 1, 1 } });
        var layer = new ConvLSTM1D(4, kernel, strides, padding, dilationRate: dilation, returnSequences: true, returnState: true, goBackwards: goBackwards);
        layer.Build([null, 5, 7, 3]);
        for (int i = 0; i < layer.Weights.Count; i++)
        {
            Tensor w = Uniform(41 + i, layer.Weights[i].Shape);
            for (int k = 0; k < w.Length; k++) layer.Weights[i].Data[k] = w.Data[k] * 0.5f;
        }
        IReadOnlyList<Tensor> outputs = layer.Call([x]);
        var (sequence, h, c, shape) = Reference(x, layer, padding, strides, dilation, goBackwards);

        AssertClose(outputs[0], shape, sequence, 2e-6, "sequence");
        AssertClose(outputs[1], [shape[0], shape[2], shape[3]], h, 2e-6, "h");
        AssertClose(outputs[2], [shape[0], shape[2], shape[3]], c, 2e-6, "c");
        Assert.That(outputs[0].Mask, Is.EqualTo(x.Mask), "return_sequences passes the mask on");
    }

    /// <summary>The ConvLSTM cell in double (conv_lstm.py call), with Keras's RNN loop: go_backwards walks
    /// from the last step and keeps that order; a masked step keeps the states and outputs the previous h.</summary>
    static (double[] Sequence, double[] H, double[] C, int[] Shape) Reference(Tensor x, ConvLSTM1D layer, string padding, int stride, int dilation, bool goBackwards)
    {
        int batch = x.Shape[0], steps = x.Shape[1], rows = x.Shape[2], channels = x.Shape[3], f = layer.Filters, k = layer.KernelSize[0];
        float[] kernel = layer.Weights[0].Data, recurrent = layer.Weights[1].Data, bias = layer.Weights[2].Data;
        int span = dilation * (k - 1) + 1;
        int outRows = padding == "same" ? (rows + stride - 1) / stride : (rows - span) / stride + 1;
        int left = padding == "same" ? Math.Max((outRows - 1) * stride + span - rows, 0) / 2 : 0;
        int recLeft = (k - 1) / 2;
        double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var sequence = new double[batch * steps * outRows * f];
        var hAll = new double[batch * outRows * f];
        var cAll = new double[batch * outRows * f];
        for (int n = 0; n < batch; n++)
        {
            var h = new double[outRows, f];
            var c = new double[outRows, f];
            for (int s = 0; s < steps; s++)
            {
                int t = goBackwards ? steps - 1 - s : s;
                bool kept = x.Mask is null || x.Mask[n * steps + t];
                var hNew = new double[outRows, f];
                var cNew = new double[outRows, f];
                for (int r = 0; r < outRows; r++)
                {
                    var z = new double[4 * f];
                    for (int g = 0; g < 4 * f; g++)
                    {
                        double sum = bias[g];
                        for (int j = 0; j < k; j++)
                        {
                            int p = r * stride + j * dilation - left;
                            if (p >= 0 && p < rows)
                                for (int ch = 0; ch < channels; ch++)
                                    sum += x.Data[Offset(x.Shape, n, t, p, ch)] * (double)kernel[(j * channels + ch) * 4 * f + g];
                            int q = r + j - recLeft;
                            if (q >= 0 && q < outRows)
                                for (int u = 0; u < f; u++) sum += h[q, u] * recurrent[(j * f + u) * 4 * f + g];
                        }
                        z[g] = sum;
                    }
                    for (int u = 0; u < f; u++)
                    {
                        double i = Sigmoid(z[u]), fg = Sigmoid(z[f + u]), gg = Math.Tanh(z[2 * f + u]), o = Sigmoid(z[3 * f + u]);
                        cNew[r, u] = fg * c[r, u] + i * gg;
                        hNew[r, u] = o * Math.Tanh(cNew[r, u]);
                    }
                }
                if (kept) { h = hNew; c = cNew; }
                for (int r = 0; r < outRows; r++)
                    for (int u = 0; u < f; u++) sequence[((n * steps + s) * outRows + r) * f + u] = h[r, u];
            }
            for (int r = 0; r < outRows; r++)
                for (int u = 0; u < f; u++) { hAll[(n * outRows + r) * f + u] = h[r, u]; cAll[(n * outRows + r) * f + u] = c[r, u]; }
        }
        return (sequence, hAll, cAll, [batch, steps, outRows, f]);
    }

    [Test]
    public void Initial_state_is_used()
    {
        Tensor x = Uniform(50, 1, 2, 4, 2);
        var layer = new ConvLSTM1D(3, 3, padding: "same");
        layer.Build([null, 2, 4, 2]);
        for (int i = 0; i < layer.Weights.Count; i++) Uniform(51 + i, layer.Weights[i].Shape).Data.CopyTo(layer.Weights[i].Data, 0);
        Tensor zeros = new(1, 4, 3);
        Tensor ones = new([1, 4, 3], Enumerable.Repeat(1f, 12).ToArray());
        float[] fromZeros = layer.Call([x, zeros, zeros])[0].Data, fromNone = layer.Call(x).Data, fromOnes = layer.Call([x, ones, ones])[0].Data;
        Assert.That(fromZeros, Is.EqualTo(fromNone), "Keras's default initial state is zeros");
        Assert.That(fromOnes, Is.Not.EqualTo(fromNone));
    }

    [Test]
    public void Strides_with_dilation_and_unsupported_options_are_refused()
    {
        // conv_lstm1d_test.py test_symbolic_invalid_strides_dilation_rate
        var e = Assert.Throws<LayerConfigurationException>(() => new ConvLSTM1D(1, 1, strides: 2, padding: "same", dilationRate: 3, returnSequences: true))!;
        Assert.That(e.Message, Does.Contain("not compatible with dilation_rate > 1"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ConvLSTM1D(2, 3, dataFormat: "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new ConvLSTM1D(2, 3, stateful: true))!.Option, Is.EqualTo("stateful"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ConvLSTM1D(2, 3, padding: "causal"))!.Option, Is.EqualTo("padding"));
        Assert.Throws<LayerConfigurationException>(() => new ConvLSTM1D(2, 3).Build([null, 2, null, 3]), "static rows only");
    }
}
