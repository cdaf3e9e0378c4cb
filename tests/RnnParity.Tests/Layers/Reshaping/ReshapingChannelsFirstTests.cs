using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Reshaping;
using static RnnParity.Tests.Layers.SeededTensors;
using static RnnParity.Tests.Layers.Convolutional.ChannelsFirstParity;

namespace RnnParity.Tests.Layers.Reshaping;

/// <summary>
/// ZeroPadding2D/3D, Cropping2D/3D and UpSampling2D/3D with <c>data_format="channels_first"</c>: the spatial axes
/// are those after the channel axis, and the result is the transposition of the channels_last one; the output shapes
/// follow Keras's channels_first rows of zero_padding_test.py / cropping_test.py / up_sampling_test.py.
/// </summary>
[TestFixture]
public sealed class ReshapingChannelsFirstTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static readonly int[] Axes2 = [0, 3, 1, 2], Axes3 = [0, 4, 1, 2, 3];

    static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData((Func<string, Layer>)(f => new ZeroPadding2D(((1, 0), (2, 3)), f)), 2).SetName("ZeroPadding2D");
        yield return new TestCaseData((Func<string, Layer>)(f => new Cropping2D(((1, 2), (0, 3)), f)), 2).SetName("Cropping2D");
        yield return new TestCaseData((Func<string, Layer>)(f => new UpSampling2D([2, 3], f)), 2).SetName("UpSampling2D");
        yield return new TestCaseData((Func<string, Layer>)(f => new ZeroPadding3D(((1, 0), (0, 2), (2, 1)), f)), 3).SetName("ZeroPadding3D");
        yield return new TestCaseData((Func<string, Layer>)(f => new Cropping3D(((1, 0), (0, 2), (2, 1)), f)), 3).SetName("Cropping3D");
        yield return new TestCaseData((Func<string, Layer>)(f => new UpSampling3D([1, 2, 3], f)), 3).SetName("UpSampling3D");
    }

    [TestCaseSource(nameof(Layers))]
    public void Channels_first_is_the_transposed_channels_last_result(Func<string, Layer> make, int rank)
    {
        Tensor x = Uniform(5, rank == 2 ? [2, 6, 7, 3] : [2, 4, 5, 6, 3]);
        int[] axes = rank == 2 ? Axes2 : Axes3;
        AssertTransposed(make("channels_last"), make("channels_first"), x, axes, axes);
    }

    // zero_padding_test.py / cropping_test.py / up_sampling_test.py: the spatial axes after channels change.
    [Test]
    public void Output_shapes_change_the_axes_after_channels()
    {
        Assert.That(Shape(new ZeroPadding2D(((1, 0), (2, 3)), "channels_first"), 3, 5, 7), Is.EqualTo(new int?[] { null, 3, 6, 12 }));
        Assert.That(Shape(new Cropping2D(((1, 0), (2, 3)), "channels_first"), 3, 5, 7), Is.EqualTo(new int?[] { null, 3, 4, 2 }));
        Assert.That(Shape(new UpSampling2D([2, 3], "channels_first"), 3, 5, 7), Is.EqualTo(new int?[] { null, 3, 10, 21 }));
        Assert.That(Shape(new ZeroPadding3D(1, "channels_first"), 2, 3, 4, 5), Is.EqualTo(new int?[] { null, 2, 5, 6, 7 }));
        Assert.That(Shape(new Cropping3D(1, "channels_first"), 2, 3, 4, 5), Is.EqualTo(new int?[] { null, 2, 1, 2, 3 }));
        Assert.That(Shape(new UpSampling3D([2, 1, 2], "channels_first"), 2, 3, null, 5), Is.EqualTo(new int?[] { null, 2, 6, null, 10 }));
    }

    [Test]
    public void Cropping_the_whole_channels_first_axis_is_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Cropping2D(((2, 2), (0, 0)), "channels_first").Build([null, 9, 4, 9]))!;
        Assert.That(e.Option, Is.EqualTo("cropping"));
    }

    static int?[] Shape(Layer layer, params int?[] shape)
    {
        layer.Build([null, .. shape]);
        return layer.OutputShapes[0];
    }
}
