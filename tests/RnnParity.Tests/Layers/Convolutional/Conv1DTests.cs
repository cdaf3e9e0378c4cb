using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Convolutional;

/// <summary>
/// <see cref="Conv1D"/> against Keras's own tests (<c>keras/src/layers/convolutional/conv_test.py</c>:
/// the shapes of <c>test_conv1d_basic</c>, the configurations of <c>ConvCorrectnessTest.test_conv1d</c>)
/// and a direct double-precision convolution written in this file the way that test's <c>np_conv1d</c>
/// is: dilate the kernel, pad with <c>_same_padding</c> (causal: d·(k − 1) on the left, as the layer's
/// <c>_compute_causal_padding</c>), slide.
/// </summary>
[TestFixture]
public sealed class Conv1DTests
{
    /// <summary>float32 products summed over at most kernel·channels = 8 terms of values below 1.</summary>
    const double Tolerance = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    // conv_test.py test_conv1d_basic: (filters, kernel, strides, padding, dilation, groups, input, output).
    [TestCase(5, 2, 1, "valid", 1, 1, new[] { 3, 5, 4 }, new[] { 3, 4, 5 })]
    [TestCase(6, 2, 1, "same", 2, 2, new[] { 3, 4, 4 }, new[] { 3, 4, 6 })]
    [TestCase(6, 2, 1, "causal", 2, 2, new[] { 3, 4, 4 }, new[] { 3, 4, 6 })]
    [TestCase(6, 2, 2, "valid", 1, 2, new[] { 3, 5, 4 }, new[] { 3, 2, 6 })]
    public void Output_shape_and_weights_as_Keras_tests_them(int filters, int kernel, int strides, string padding, int dilation, int groups, int[] input, int[] output)
    {
        var layer = new Conv1D(filters, kernel, strides, padding, dilationRate: dilation, groups: groups);
        layer.Build([null, input[1], input[2]]);

        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, output[1], output[2] }));
        Assert.That(layer.Weights.Select(w => w.Shape), Is.EqualTo(new[] { new[] { kernel, input[2] / groups, filters }, new[] { filters } }));
        Assert.That(layer.Weights.All(w => w.Trainable), "expected_num_trainable_weights=2, non-trainable 0");
        Assert.That(layer.CountParams(), Is.EqualTo(kernel * input[2] / groups * filters + filters));
        Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output));
    }

    // conv_test.py ConvCorrectnessTest.test_conv1d, on (2, 8, 4) inputs, plus a wider kernel for 'same'
    // where XLA's split puts padding on both sides.
    [TestCase(5, 2, 1, "valid", "channels_last", 1, 1)]
    [TestCase(6, 2, 1, "same", "channels_last", 2, 2)]
    [TestCase(6, 2, 1, "causal", "channels_last", 2, 2)]
    [TestCase(6, 2, 2, "valid", "channels_last", 1, 2)]
    [TestCase(6, 2, 2, "valid", "channels_first", 1, 2)]
    [TestCase(3, 4, 1, "same", "channels_last", 1, 1)]
    [TestCase(4, 3, 3, "same", "channels_last", 1, 2)]
    [TestCase(2, 3, 1, "causal", "channels_last", 3, 1)]
    [TestCase(2, 3, 2, "causal", "channels_last", 1, 1)]
    [TestCase(3, 3, 2, "same", "channels_first", 1, 1)]
    public void Values_match_a_direct_convolution(int filters, int kernel, int strides, string padding, string dataFormat, int dilation, int groups)
    {
        bool first = dataFormat == "channels_first";
        Tensor x = Uniform(7, first ? [2, 4, 8] : [2, 8, 4]);
        var layer = new Conv1D(filters, kernel, strides, padding, dataFormat, dilation, groups, activation: "relu");
        layer.Build([null, x.Shape[1], x.Shape[2]]);
        Tensor w = Uniform(8, layer.Weights[0].Shape), b = Uniform(9, filters);
        w.Data.CopyTo(layer.Weights[0].Data, 0);
        b.Data.CopyTo(layer.Weights[1].Data, 0);

        var (shape, expected) = Reference(x, w, b, strides, padding, first, dilation, groups);
        for (int i = 0; i < expected.Length; i++) expected[i] = Math.Max(expected[i], 0);

        AssertClose(layer.Call(x), shape, expected, Tolerance);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(shape[1..].Select(d => (int?)d)), "compute_output_shape agrees with the call");
    }

    /// <summary>conv_test.py's np_conv1d in double: kernel (k, C/G, F), bias (F).</summary>
    static (int[] Shape, double[] Values) Reference(Tensor input, Tensor kernel, Tensor bias, int stride, string padding, bool channelsFirst, int dilation, int groups)
    {
        int batch = input.Shape[0], length = channelsFirst ? input.Shape[2] : input.Shape[1], channels = channelsFirst ? input.Shape[1] : input.Shape[2];
        double X(int n, int t, int c) => input.Data[channelsFirst ? Offset(input.Shape, n, c, t) : Offset(input.Shape, n, t, c)];
        int k = kernel.Shape[0], groupChannels = kernel.Shape[1], filters = kernel.Shape[2];
        int span = k + (dilation - 1) * (k - 1);
        int left = 0, padded = length;
        if (padding != "valid")
        {
            // same: conv_test.py _same_padding; causal: conv1d.py _compute_causal_padding, d·(k − 1) on the left.
            int total = padding == "causal" ? span - 1
                : length % stride == 0 ? Math.Max(span - stride, 0) : Math.Max(span - length % stride, 0);
            left = padding == "causal" ? total : total / 2;
            padded = length + total;
        }
        int outLength = (padded - span) / stride + 1;
        int[] shape = channelsFirst ? [batch, filters, outLength] : [batch, outLength, filters];
        var y = new double[batch * outLength * filters];
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < outLength; t++)
                for (int f = 0; f < filters; f++)
                {
                    int g = f / (filters / groups);
                    double sum = bias.Data[f];
                    for (int j = 0; j < k; j++)
                    {
                        int p = t * stride + j * dilation - left;
                        if (p < 0 || p >= length) continue;
                        for (int c = 0; c < groupChannels; c++)
                            sum += X(n, p, g * groupChannels + c) * kernel.Data[Offset(kernel.Shape, j, c, f)];
                    }
                    y[channelsFirst ? Offset(shape, n, f, t) : Offset(shape, n, t, f)] = sum;
                }
        return (shape, y);
    }

    [Test]
    public void An_incoming_mask_is_dropped()
    {
        var x = Uniform(3, 2, 5, 3);
        x.Mask = Mask(new[,] { { 1, 1, 1, 0, 0 }, { 1, 0, 1, 1, 1 } });
        Assert.That(new Conv1D(2, 3, padding: "same").Call(x).Mask, Is.Null, "BaseConv does not support masking");
    }

    [Test]
    public void Unknown_steps_stay_unknown()
    {
        var layer = new Conv1D(4, 3, padding: "causal");
        layer.Build([null, null, 1]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, null, 4 }));
        Assert.That(layer.Call(Uniform(2, 1, 7, 1)).Shape, Is.EqualTo(new[] { 1, 7, 4 }));
    }

    [Test]
    public void No_bias_when_use_bias_is_false()
    {
        var layer = new Conv1D(3, 2, useBias: false);
        layer.Build([null, 4, 2]);
        Assert.That(layer.Weights.Select(w => w.Name), Is.EqualTo(new[] { "kernel" }));
        Assert.That(layer.CountParams(), Is.EqualTo(2 * 2 * 3));
    }

    [TestCase(0, 3, 1, 1, 1, "valid", "filters")]
    [TestCase(4, 0, 1, 1, 1, "valid", "kernel_size")]
    [TestCase(4, 3, 0, 1, 1, "valid", "strides")]
    [TestCase(4, 3, 2, 2, 1, "valid", "strides")]
    [TestCase(5, 3, 1, 1, 2, "valid", "groups")]
    [TestCase(4, 3, 1, 1, 0, "valid", "groups")]
    [TestCase(4, 3, 1, 1, 1, "full", "padding")]
    public void Bad_options_are_refused_by_name(int filters, int kernel, int strides, int dilation, int groups, string padding, string option)
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv1D(filters, kernel, strides, padding, dilationRate: dilation, groups: groups, name: "c"))!;
        Assert.That(e.Option, Is.EqualTo(option));
        Assert.That(e.Message, Does.Contain("'c'").And.Contain("Conv1D"));
    }

    [Test]
    public void Input_channels_not_divisible_by_groups_are_refused_at_build()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv1D(4, 2, groups: 2).Build([null, 5, 3]))!;
        Assert.That(e.Option, Is.EqualTo("groups"));
    }

    [Test]
    public void Too_short_input_for_valid_padding_is_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv1D(4, 5).Build([null, 3, 2]))!;
        Assert.That(e.Message, Does.Contain("zero or negative"));
    }
}
