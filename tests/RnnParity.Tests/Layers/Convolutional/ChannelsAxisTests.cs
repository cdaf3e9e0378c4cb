using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Convolutional;

/// <summary><see cref="ChannelsAxis"/>: the channel axis after the leading axes moves last and back, as numpy's transposes.</summary>
[TestFixture]
public sealed class ChannelsAxisTests
{
    static Exception Error(string option, string message) => new LayerConfigurationException("l", "L", option, message);

    [TestCase(null, false)]
    [TestCase("channels_last", false)]
    [TestCase("Channels_First", true)]
    public void Parse_standardizes_as_keras(string? format, bool first)
    {
        ChannelsAxis axis = ChannelsAxis.Parse(format, Error);
        Assert.That((axis.First, axis.DataFormat), Is.EqualTo((first, first ? "channels_first" : "channels_last")));
    }

    [Test]
    public void Parse_refuses_other_formats_by_option() =>
        Assert.That(Assert.Throws<LayerConfigurationException>(() => ChannelsAxis.Parse("channels_middle", Error))!.Option, Is.EqualTo("data_format"));

    // (batch, C, s1, s2) <-> (batch, s1, s2, C): numpy transpose (0, 2, 3, 1) and (0, 3, 1, 2); ConvLSTM's (batch, T, C, s1, s2).
    [TestCase(1, new[] { 2, 3, 4, 5 }, new[] { 0, 2, 3, 1 })]
    [TestCase(1, new[] { 2, 3, 4, 5, 6 }, new[] { 0, 2, 3, 4, 1 })]
    [TestCase(2, new[] { 2, 3, 4, 5, 6 }, new[] { 0, 1, 3, 4, 2 })]
    [TestCase(1, new[] { 2, 3, 4 }, new[] { 0, 2, 1 })]
    public void Tensors_and_shapes_move_the_channel_axis_like_numpy(int leading, int[] shape, int[] toLast)
    {
        ChannelsAxis first = ChannelsAxis.Parse("channels_first", Error);
        Tensor x = Uniform(1, shape).WithMask(new bool[shape[0] * shape[1]]);
        Tensor last = first.ToLast(x, leading);
        Tensor want = ChannelsFirstParity.Transposed(x, toLast);
        Assert.That((last.Shape, last.Data), Is.EqualTo((want.Shape, want.Data)));
        Assert.That(last.Mask, Is.SameAs(x.Mask), "the leading axes, and so the mask, do not move");
        Tensor back = first.ToFirst(last, leading);
        Assert.That((back.Shape, back.Data), Is.EqualTo((x.Shape, x.Data)));
        Assert.That(first.ToLast(ChannelsFirstParity.Symbolic(shape), leading), Is.EqualTo(ChannelsFirstParity.Symbolic(want.Shape)));
        Assert.That(first.ToFirst(ChannelsFirstParity.Symbolic(want.Shape), leading), Is.EqualTo(ChannelsFirstParity.Symbolic(shape)));
    }

    [Test]
    public void Channels_last_and_shapes_without_spatial_axes_are_unchanged()
    {
        Tensor x = Uniform(2, 2, 3, 4);
        Assert.That(ChannelsAxis.Parse(null, Error).ToLast(x), Is.SameAs(x));
        Tensor pooled = Uniform(3, 2, 5);
        Assert.That(ChannelsAxis.Parse("channels_first", Error).ToFirst(pooled), Is.SameAs(pooled), "(batch, channels) has no axis to move");
    }
}
