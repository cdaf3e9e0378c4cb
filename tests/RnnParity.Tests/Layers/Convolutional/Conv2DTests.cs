using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Convolutional;

/// <summary>
/// <see cref="Conv2D"/> and <see cref="Conv3D"/> against Keras's own tests (<c>keras/src/layers/convolutional/conv_test.py</c>:
/// the shapes of <c>test_conv2d_basic</c>/<c>test_conv3d_basic</c>) and a direct double-precision N-d
/// cross-correlation written here from the formula in Keras's docs (and conv_test.py's <c>np_conv2d</c>):
/// 'same' pads total = max((⌈s/stride⌉ − 1)·stride + span − s, 0) per axis, ⌊total/2⌋ before.
/// </summary>
[TestFixture]
public sealed class Conv2DTests
{
    /// <summary>float32 products summed over at most taps·channels = 27·3 terms of values below 1.</summary>
    const double Tolerance = 2e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    // conv_test.py test_conv2d_basic and test_conv3d_basic: (filters, kernel, strides, padding, dilation, groups, input, output).
    [TestCase(5, new[] { 2, 2 }, new[] { 1, 1 }, "valid", new[] { 1, 1 }, 1, new[] { 3, 5, 5, 4 }, new[] { 3, 4, 4, 5 })]
    [TestCase(6, new[] { 2, 2 }, new[] { 1, 1 }, "same", new[] { 2, 2 }, 2, new[] { 3, 4, 4, 4 }, new[] { 3, 4, 4, 6 })]
    [TestCase(6, new[] { 2, 2 }, new[] { 2, 1 }, "valid", new[] { 1, 1 }, 2, new[] { 3, 5, 5, 4 }, new[] { 3, 2, 4, 6 })]
    [TestCase(5, new[] { 2, 2, 2 }, new[] { 1, 1, 1 }, "valid", new[] { 1, 1, 1 }, 1, new[] { 3, 5, 5, 5, 4 }, new[] { 3, 4, 4, 4, 5 })]
    [TestCase(6, new[] { 2, 2, 2 }, new[] { 1, 1, 1 }, "same", new[] { 2, 2, 2 }, 2, new[] { 3, 4, 4, 4, 4 }, new[] { 3, 4, 4, 4, 6 })]
    [TestCase(6, new[] { 2, 2, 3 }, new[] { 2, 1, 2 }, "valid", new[] { 1, 1, 1 }, 2, new[] { 3, 5, 5, 5, 4 }, new[] { 3, 2, 4, 2, 6 })]
    public void Output_shape_and_weights_as_Keras_tests_them(int filters, int[] kernel, int[] strides, string padding, int[] dilation, int groups, int[] input, int[] output)
    {
        BaseConv layer = kernel.Length == 2
            ? new Conv2D(filters, kernel, strides, padding, dilationRate: dilation, groups: groups)
            : new Conv3D(filters, kernel, strides, padding, dilationRate: dilation, groups: groups);
        layer.Build([null, .. input[1..].Select(d => (int?)d)]);

        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null }.Concat(output[1..].Select(d => (int?)d))));
        Assert.That(layer.Weights.Select(w => w.Shape), Is.EqualTo(new[] { [.. kernel, input[^1] / groups, filters], new[] { filters } }));
        Assert.That(layer.Weights.All(w => w.Trainable), "expected_num_trainable_weights=2, non-trainable 0");
        Assert.That(layer.CountParams(), Is.EqualTo(kernel.Aggregate(1, (a, b) => a * b) * input[^1] / groups * filters + filters));
        Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output));
    }

    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "valid", new[] { 1, 1 }, 1)]
    [TestCase(new[] { 3, 2 }, new[] { 1, 1 }, "same", new[] { 1, 1 }, 1)]
    [TestCase(new[] { 4, 3 }, new[] { 2, 3 }, "same", new[] { 1, 1 }, 2)]
    [TestCase(new[] { 2, 3 }, new[] { 2, 2 }, "valid", new[] { 1, 1 }, 1)]
    [TestCase(new[] { 2, 2 }, new[] { 1, 1 }, "same", new[] { 2, 3 }, 2)]
    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "valid", new[] { 2, 1 }, 1)]
    [TestCase(new[] { 2, 3, 2 }, new[] { 1, 2, 1 }, "same", new[] { 1, 1, 1 }, 2)]
    [TestCase(new[] { 3, 2, 2 }, new[] { 1, 1, 1 }, "valid", new[] { 1, 2, 1 }, 1)]
    public void Values_match_a_direct_convolution(int[] kernel, int[] strides, string padding, int[] dilation, int groups)
    {
        int rank = kernel.Length;
        Tensor x = Uniform(7, rank == 2 ? [2, 7, 8, 4] : [2, 5, 6, 5, 4]);
        BaseConv layer = rank == 2
            ? new Conv2D(6, kernel, strides, padding, dilationRate: dilation, groups: groups, activation: "tanh")
            : new Conv3D(6, kernel, strides, padding, dilationRate: dilation, groups: groups, activation: "tanh");
        layer.Build([null, .. x.Shape[1..].Select(d => (int?)d)]);
        Tensor w = Uniform(8, layer.Weights[0].Shape), b = Uniform(9, 6);
        w.Data.CopyTo(layer.Weights[0].Data, 0);
        b.Data.CopyTo(layer.Weights[1].Data, 0);

        var (shape, expected) = Reference(x, w, b, strides, padding, dilation, groups);
        for (int i = 0; i < expected.Length; i++) expected[i] = Math.Tanh(expected[i]);

        AssertClose(layer.Call(x), shape, expected, Tolerance);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(shape[1..].Select(d => (int?)d)), "compute_output_shape agrees with the call");
    }

    /// <summary>The N-d cross-correlation in double: x (batch, s…, C), kernel (k…, C/G, F), bias (F).</summary>
    internal static (int[] Shape, double[] Values) Reference(Tensor input, Tensor kernel, Tensor bias, int[] strides, string padding, int[] dilation, int groups)
    {
        int rank = input.Rank - 2, batch = input.Shape[0], channels = input.Shape[^1];
        int groupChannels = kernel.Shape[rank], filters = kernel.Shape[rank + 1];
        int[] size = input.Shape[1..^1], k = kernel.Shape[..rank];
        var outSize = new int[rank];
        var before = new int[rank];
        for (int a = 0; a < rank; a++)
        {
            int span = dilation[a] * (k[a] - 1) + 1;
            if (padding == "valid") outSize[a] = (size[a] - span) / strides[a] + 1;
            else
            {
                outSize[a] = (size[a] + strides[a] - 1) / strides[a];
                before[a] = Math.Max((outSize[a] - 1) * strides[a] + span - size[a], 0) / 2;
            }
        }
        int[] shape = [batch, .. outSize, filters];
        var y = new double[shape.Aggregate(1, (p, d) => p * d)];
        int outCount = outSize.Aggregate(1, (p, d) => p * d), taps = k.Aggregate(1, (p, d) => p * d);
        var o = new int[rank];
        var j = new int[rank];
        for (int n = 0; n < batch; n++)
            for (int op = 0; op < outCount; op++)
            {
                Unravel(op, outSize, o);
                for (int f = 0; f < filters; f++)
                {
                    int g = f / (filters / groups);
                    double sum = bias.Data[f];
                    for (int tap = 0; tap < taps; tap++)
                    {
                        Unravel(tap, k, j);
                        var index = new int[rank + 2];
                        index[0] = n;
                        bool inside = true;
                        for (int a = 0; a < rank; a++)
                        {
                            index[a + 1] = o[a] * strides[a] + j[a] * dilation[a] - before[a];
                            inside &= index[a + 1] >= 0 && index[a + 1] < size[a];
                        }
                        if (!inside) continue;
                        for (int c = 0; c < groupChannels; c++)
                        {
                            index[rank + 1] = g * groupChannels + c;
                            sum += input.Data[Offset(input.Shape, index)] * kernel.Data[Offset(kernel.Shape, [.. j, c, f])];
                        }
                    }
                    y[(n * outCount + op) * filters + f] = sum;
                }
            }
        return (shape, y);
    }

    static void Unravel(int index, int[] sizes, int[] multi)
    {
        for (int a = sizes.Length - 1; a >= 0; a--) { multi[a] = index % sizes[a]; index /= sizes[a]; }
    }

    [Test]
    public void An_incoming_mask_is_dropped()
    {
        var x = Uniform(3, 2, 5, 4, 3);
        x.Mask = Mask(new[,] { { 1, 1, 1, 0, 0 }, { 1, 0, 1, 1, 1 } });
        Assert.That(new Conv2D(2, 3, padding: "same").Call(x).Mask, Is.Null, "BaseConv does not support masking");
    }

    [Test]
    public void Unknown_spatial_sizes_stay_unknown_and_any_size_runs()
    {
        var layer = new Conv2D(4, 3, padding: "same");
        layer.Build([null, null, null, 2]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, null, null, 4 }));
        Assert.That(layer.Call(Uniform(2, 1, 7, 5, 2)).Shape, Is.EqualTo(new[] { 1, 7, 5, 4 }));
        Assert.That(layer.Call(Uniform(2, 1, 3, 9, 2)).Shape, Is.EqualTo(new[] { 1, 3, 9, 4 }));
    }

    [Test]
    public void No_bias_when_use_bias_is_false()
    {
        var layer = new Conv2D(3, 2, useBias: false);
        layer.Build([null, 4, 4, 2]);
        Assert.That(layer.Weights.Select(w => w.Name), Is.EqualTo(new[] { "kernel" }));
        Assert.That(layer.CountParams(), Is.EqualTo(2 * 2 * 2 * 3));
    }

    [TestCase(0, 3, 1, 1, 1, "valid", "filters")]
    [TestCase(4, 0, 1, 1, 1, "valid", "kernel_size")]
    [TestCase(4, 3, 0, 1, 1, "valid", "strides")]
    [TestCase(4, 3, 2, 2, 1, "valid", "strides")]
    [TestCase(5, 3, 1, 1, 2, "valid", "groups")]
    [TestCase(4, 3, 1, 1, 0, "valid", "groups")]
    [TestCase(4, 3, 1, 1, 1, "causal", "padding")]
    public void Bad_options_are_refused_by_name(int filters, int kernel, int strides, int dilation, int groups, string padding, string option)
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv2D(filters, kernel, strides, padding, dilation, groups, name: "c"))!;
        Assert.That(e.Option, Is.EqualTo(option));
        Assert.That(e.Message, Does.Contain("'c'").And.Contain("Conv2D"));
    }

    [Test]
    public void A_kernel_size_of_the_wrong_rank_is_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv2D(4, [3, 3, 3]))!;
        Assert.That(e.Option, Is.EqualTo("kernel_size"));
    }

    [Test]
    public void Unknown_data_format_is_refused_by_name()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv2D(4, [3, 3], dataFormat: "channels_middle", name: "c"))!;
        Assert.That(e.Message, Does.Contain("data_format").And.Contain("'c'").And.Contain("channels_middle"));
    }

    [Test]
    public void Too_small_input_for_valid_padding_is_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Conv2D(4, [5, 2]).Build([null, 3, 6, 2]))!;
        Assert.That(e.Message, Does.Contain("zero or negative"));
    }
}
