using RnnParity.Core.Tensors;
using RnnParity.Layers.Convolutional;
using static RnnParity.Tests.Layers.SeededTensors;
using static RnnParity.Tests.Layers.Convolutional.ChannelsFirstParity;

namespace RnnParity.Tests.Layers.Convolutional;

/// <summary>
/// <see cref="Conv2D"/>/<see cref="Conv3D"/> with <c>data_format="channels_first"</c>: (batch, channels, s…) in,
/// (batch, filters, o…) out, the transposition of the channels_last result (Keras's numpy backend runs it so), with
/// the kernel in its usual (k…, channels/groups, filters) layout. Shapes as conv_test.py's channels_first cases.
/// </summary>
[TestFixture]
public sealed class ConvChannelsFirstTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "valid", new[] { 1, 1 }, 1)]
    [TestCase(new[] { 4, 3 }, new[] { 2, 3 }, "same", new[] { 1, 1 }, 2)]
    [TestCase(new[] { 2, 2 }, new[] { 1, 1 }, "same", new[] { 2, 3 }, 2)]
    [TestCase(new[] { 2, 3, 2 }, new[] { 1, 2, 1 }, "same", new[] { 1, 1, 1 }, 2)]
    [TestCase(new[] { 3, 2, 2 }, new[] { 1, 1, 1 }, "valid", new[] { 1, 2, 1 }, 1)]
    public void Channels_first_is_the_transposed_channels_last_convolution(int[] kernel, int[] strides, string padding, int[] dilation, int groups)
    {
        bool two = kernel.Length == 2;
        BaseConv Make(string format) => two
            ? new Conv2D(6, kernel, strides, padding, format, dilation, groups, "tanh")
            : new Conv3D(6, kernel, strides, padding, format, dilation, groups, "tanh");
        int[] axes = two ? [0, 3, 1, 2] : [0, 4, 1, 2, 3];
        Tensor x = Uniform(7, two ? [2, 7, 8, 4] : [2, 5, 6, 5, 4]);
        BaseConv first = Make("channels_first");
        AssertTransposed(Make("channels_last"), first, x, axes, axes);
        Assert.That(first.DataFormat, Is.EqualTo("channels_first"));
    }

    // conv_test.py test_conv2d_basic / test_conv3d_basic channels_first rows: input (3, 4, 5, 5) → (3, 5, 4, 4) etc.
    [TestCase(5, new[] { 2, 2 }, new[] { 3, 4, 5, 5 }, new[] { 3, 5, 4, 4 })]
    [TestCase(5, new[] { 2, 2, 2 }, new[] { 3, 4, 5, 5, 5 }, new[] { 3, 5, 4, 4, 4 })]
    public void Output_shape_puts_filters_after_batch(int filters, int[] kernel, int[] input, int[] output)
    {
        BaseConv layer = kernel.Length == 2 ? new Conv2D(filters, kernel, dataFormat: "channels_first") : new Conv3D(filters, kernel, dataFormat: "channels_first");
        layer.Build(Symbolic(input));
        Assert.That(layer.OutputShapes[0], Is.EqualTo(Symbolic(output)));
        Assert.That(layer.Weights[0].Shape, Is.EqualTo(kernel.Append(input[1]).Append(filters).ToArray()));
        Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output));
    }

    [Test]
    public void A_wrong_channel_count_names_the_channels_first_layout()
    {
        var layer = new Conv2D(2, [2, 2], dataFormat: "channels_first", name: "c");
        layer.Build([null, 3, 5, 5]);
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => layer.Call(Uniform(1, 1, 5, 5, 3)))!;
        Assert.That(e.Message, Does.Contain("(batch, channels, rows, cols)").And.Contain("'c'"));
    }
}
