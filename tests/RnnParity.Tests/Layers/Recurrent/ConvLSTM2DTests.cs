using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="ConvLSTM2D"/> and <see cref="ConvLSTM3D"/>: Keras's own <c>keras/src/layers/rnn/conv_lstm2d_test.py</c>
/// and <c>conv_lstm3d_test.py</c> (shapes of <c>test_basics</c>, the literal values of <c>test_correctness</c>,
/// the strides/dilation refusal) and, on seeded weights, a step-by-step 2-D ConvLSTM written here in double
/// from the cell's equations (conv_lstm.py).
/// </summary>
[TestFixture]
public sealed class ConvLSTM2DTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    // conv_lstm2d_test.py test_basics (channels_last).
    [TestCase("same", false, new[] { 3, 2, 4, 4, 3 }, new[] { 3, 4, 4, 5 })]
    [TestCase("valid", false, new[] { 3, 2, 8, 8, 3 }, new[] { 3, 6, 6, 5 })]
    [TestCase("valid", true, new[] { 3, 2, 8, 8, 3 }, new[] { 3, 2, 6, 6, 5 })]
    public void Keras_basics_shapes(string padding, bool returnSequences, int[] input, int[] output)
    {
        var layer = new ConvLSTM2D(5, [3, 3], padding: padding, returnSequences: returnSequences);
        layer.Build([null, .. input[1..].Select(d => (int?)d)]);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(output[1..].Select(d => (int?)d)));
        Assert.That(layer.Weights.Count(w => w.Trainable), Is.EqualTo(3), "expected_num_trainable_weights=3");
        Assert.That(layer.Weights.Select(w => w.Shape), Is.EqualTo(new[] { new[] { 3, 3, 3, 20 }, new[] { 3, 3, 5, 20 }, new[] { 20 } }));
        Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output));
    }

    /// <summary>test_correctness: arange(n)/100, filters 2, kernel 3, Constant(0.01) kernel, Constant(0.02)
    /// recurrent, Constant(0.03) bias (unit_forget_bias: ones in the f block).</summary>
    static Tensor KerasCorrectness(ConvLSTM layer, int[] input)
    {
        var x = Arange(input);
        for (int i = 0; i < x.Length; i++) x.Data[i] /= 100;
        layer.Build([null, .. input[1..].Select(d => (int?)d)]);
        Array.Fill(layer.Weights[0].Data, 0.01f);
        Array.Fill(layer.Weights[1].Data, 0.02f);
        Array.Fill(layer.Weights[2].Data, 0.03f);
        Array.Fill(layer.Weights[2].Data, 1f, 2, 2);
        return layer.Call(x);
    }

    [Test]
    public void Keras_correctness_literals_2d()
    {
        double[] expected =
        [
            0.48694518, 0.48694518, 0.50237733, 0.50237733, 0.5461202, 0.5461202, 0.5598283, 0.5598283,
            0.8661607, 0.8661607, 0.86909103, 0.86909103, 0.8774414, 0.8774414, 0.8800861, 0.8800861,
        ];
        AssertClose(KerasCorrectness(new ConvLSTM2D(2, [3, 3]), [2, 3, 4, 4, 5]), [2, 2, 2, 2], expected, 1e-6);
    }

    [Test]
    public void Keras_correctness_literals_3d()
    {
        double[] first = [0.99149036, 0.99149036, 0.99180907, 0.99180907, 0.99258363, 0.99258363, 0.9927925, 0.9927925,
            0.99413764, 0.99413764, 0.99420583, 0.99420583, 0.9943788, 0.9943788, 0.9944278, 0.9944278];
        double[] expected = [.. first, .. Enumerable.Repeat(0.9950547, 16)];
        AssertClose(KerasCorrectness(new ConvLSTM3D(2, [3, 3, 3]), [2, 3, 4, 4, 4, 5]), [2, 2, 2, 2, 2], expected, 1e-6);
    }

    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "valid", new[] { 1, 1 }, false, false)]
    [TestCase(new[] { 3, 2 }, new[] { 1, 1 }, "same", new[] { 1, 1 }, false, true)]
    [TestCase(new[] { 2, 3 }, new[] { 2, 1 }, "same", new[] { 1, 1 }, true, false)]
    [TestCase(new[] { 2, 2 }, new[] { 1, 1 }, "same", new[] { 2, 1 }, true, true)]
    public void Matches_the_cell_equations_in_double(int[] kernel, int[] strides, string padding, int[] dilation, bool goBackwards, bool masked)
    {
        Tensor x = Uniform(40, 2, 4, 5, 6, 3);
        if (masked) x.Mask = Mask(new[,] { { 1, 1, 0, 1 }, { 1, 0, 0, 1 } });
        var layer = new ConvLSTM2D(3, kernel, strides, padding, dilationRate: dilation, returnSequences: true, returnState: true, goBackwards: goBackwards);
        layer.Build([null, 4, 5, 6, 3]);
        for (int i = 0; i < layer.Weights.Count; i++)
        {
            Tensor w = Uniform(41 + i, layer.Weights[i].Shape);
            for (int k = 0; k < w.Length; k++) layer.Weights[i].Data[k] = w.Data[k] * 0.5f;
        }
        IReadOnlyList<Tensor> outputs = layer.Call([x]);
        var (sequence, h, c, shape) = Reference(x, layer, padding, strides, dilation, goBackwards);

        AssertClose(outputs[0], shape, sequence, 2e-6, "sequence");
        int[] stateShape = [shape[0], .. shape[2..]];
        AssertClose(outputs[1], stateShape, h, 2e-6, "h");
        AssertClose(outputs[2], stateShape, c, 2e-6, "c");
        Assert.That(outputs[0].Mask, Is.EqualTo(x.Mask), "return_sequences passes the mask on");
    }

    /// <summary>The 2-D ConvLSTM cell in double (conv_lstm.py call) with Keras's RNN loop: go_backwards walks from
    /// the last step and keeps that order; a masked step keeps the states and outputs the previous h. The input
    /// convolution pads 'same' as XLA (⌊total/2⌋ before); the recurrent one is 'same', stride 1, no dilation.</summary>
    static (double[] Sequence, double[] H, double[] C, int[] Shape) Reference(Tensor x, ConvLSTM2D layer, string padding, int[] stride, int[] dilation, bool goBackwards)
    {
        int batch = x.Shape[0], steps = x.Shape[1], channels = x.Shape[4], f = layer.Filters;
        int[] size = [x.Shape[2], x.Shape[3]], k = layer.KernelSize;
        float[] kernel = layer.Weights[0].Data, recurrent = layer.Weights[1].Data, bias = layer.Weights[2].Data;
        var outSize = new int[2];
        var before = new int[2];
        for (int a = 0; a < 2; a++)
        {
            int span = dilation[a] * (k[a] - 1) + 1;
            outSize[a] = padding == "same" ? (size[a] + stride[a] - 1) / stride[a] : (size[a] - span) / stride[a] + 1;
            before[a] = padding == "same" ? Math.Max((outSize[a] - 1) * stride[a] + span - size[a], 0) / 2 : 0;
        }
        int R = outSize[0], C = outSize[1];
        double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var sequence = new double[batch * steps * R * C * f];
        var hAll = new double[batch * R * C * f];
        var cAll = new double[batch * R * C * f];
        for (int n = 0; n < batch; n++)
        {
            var h = new double[R, C, f];
            var c = new double[R, C, f];
            for (int s = 0; s < steps; s++)
            {
                int t = goBackwards ? steps - 1 - s : s;
                bool kept = x.Mask is null || x.Mask[n * steps + t];
                var hNew = new double[R, C, f];
                var cNew = new double[R, C, f];
                for (int r = 0; r < R; r++)
                    for (int q = 0; q < C; q++)
                    {
                        var z = new double[4 * f];
                        for (int g = 0; g < 4 * f; g++)
                        {
                            double sum = bias[g];
                            for (int j0 = 0; j0 < k[0]; j0++)
                                for (int j1 = 0; j1 < k[1]; j1++)
                                {
                                    int p0 = r * stride[0] + j0 * dilation[0] - before[0], p1 = q * stride[1] + j1 * dilation[1] - before[1];
                                    if (p0 >= 0 && p0 < size[0] && p1 >= 0 && p1 < size[1])
                                        for (int ch = 0; ch < channels; ch++)
                                            sum += x.Data[Offset(x.Shape, n, t, p0, p1, ch)] * (double)kernel[Offset(layer.Weights[0].Shape, j0, j1, ch, g)];
                                    int r0 = r + j0 - (k[0] - 1) / 2, r1 = q + j1 - (k[1] - 1) / 2;
                                    if (r0 >= 0 && r0 < R && r1 >= 0 && r1 < C)
                                        for (int u = 0; u < f; u++) sum += h[r0, r1, u] * recurrent[Offset(layer.Weights[1].Shape, j0, j1, u, g)];
                                }
                            z[g] = sum;
                        }
                        for (int u = 0; u < f; u++)
                        {
                            double i = Sigmoid(z[u]), fg = Sigmoid(z[f + u]), gg = Math.Tanh(z[2 * f + u]), o = Sigmoid(z[3 * f + u]);
                            cNew[r, q, u] = fg * c[r, q, u] + i * gg;
                            hNew[r, q, u] = o * Math.Tanh(cNew[r, q, u]);
                        }
                    }
                if (kept) { h = hNew; c = cNew; }
                for (int r = 0; r < R; r++)
                    for (int q = 0; q < C; q++)
                        for (int u = 0; u < f; u++) sequence[(((n * steps + s) * R + r) * C + q) * f + u] = h[r, q, u];
            }
            for (int r = 0; r < R; r++)
                for (int q = 0; q < C; q++)
                    for (int u = 0; u < f; u++)
                    {
                        hAll[((n * R + r) * C + q) * f + u] = h[r, q, u];
                        cAll[((n * R + r) * C + q) * f + u] = c[r, q, u];
                    }
        }
        return (sequence, hAll, cAll, [batch, steps, R, C, f]);
    }

    [Test]
    public void Initial_state_is_used_and_weight_paths_are_kerass()
    {
        Tensor x = Uniform(50, 1, 2, 3, 4, 2);
        var layer = new ConvLSTM2D(3, [3, 3], padding: "same", name: "conv_lstm2d");
        layer.Build([null, 2, 3, 4, 2]);
        for (int i = 0; i < layer.Weights.Count; i++) Uniform(51 + i, layer.Weights[i].Shape).Data.CopyTo(layer.Weights[i].Data, 0);
        Tensor plain = layer.Call(x);
        Tensor started = layer.Call([x, Uniform(60, 1, 3, 4, 3), Uniform(61, 1, 3, 4, 3)])[0];
        Assert.That(started.Data, Is.Not.EqualTo(plain.Data));
        Assert.That(layer.WeightPaths().Select(p => p.Path), Is.EqualTo(new[] { "conv_lstm2d/conv_lstm_cell/kernel", "conv_lstm2d/conv_lstm_cell/recurrent_kernel", "conv_lstm2d/conv_lstm_cell/bias" }));
    }

    [Test]
    public void Keras_refusals()
    {
        // conv_lstm2d_test.py test_symbolic_invalid_strides_dilation_rate.
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ConvLSTM2D(1, [1, 1], [2, 2], "same", dilationRate: [3, 3], returnSequences: true))!.Option, Is.EqualTo("strides"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ConvLSTM2D(1, [3, 3], dataFormat: "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new ConvLSTM3D(1, [3, 3, 3], stateful: true))!.Option, Is.EqualTo("stateful"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ConvLSTM2D(1, [3, 3, 3]))!.Option, Is.EqualTo("kernel_size"));
    }
}
