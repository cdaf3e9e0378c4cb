using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Reshaping;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Reshaping;

/// <summary>
/// ZeroPadding3D, Cropping3D and UpSampling3D against the index formulas of Keras's docs
/// (<c>keras/src/layers/reshaping/zero_padding3d.py</c>, <c>cropping3d.py</c>, <c>up_sampling3d.py</c>):
/// padded y[n, i, j, k, c] = x[n, i − b₁, j − b₂, k − b₃, c] inside, 0 outside; cropped
/// y[n, i, j, k, c] = x[n, i + b₁, j + b₂, k + b₃, c]; upsampled y[n, i, j, k, c] = x[n, ⌊i/s₁⌋, ⌊j/s₂⌋, ⌊k/s₃⌋, c].
/// </summary>
[TestFixture]
public sealed class Reshaping3DTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static double[] Expected(int[] shape, Func<int, int, int, int, int, double> value)
    {
        var y = new double[shape.Aggregate(1, (p, d) => p * d)];
        for (int n = 0; n < shape[0]; n++)
            for (int i = 0; i < shape[1]; i++)
                for (int j = 0; j < shape[2]; j++)
                    for (int k = 0; k < shape[3]; k++)
                        for (int c = 0; c < shape[4]; c++) y[Offset(shape, n, i, j, k, c)] = value(n, i, j, k, c);
        return y;
    }

    static bool Inside(int index, int size) => index >= 0 && index < size;

    [Test]
    public void ZeroPadding3D_puts_zeros_around_each_volume()
    {
        Tensor x = Uniform(1, 2, 3, 2, 4, 2);
        var layer = new ZeroPadding3D(((1, 2), (0, 1), (3, 0)));
        layer.Build([null, 3, 2, 4, 2]);
        int[] shape = [2, 6, 3, 7, 2];
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 3, 7, 2 }));
        AssertClose(layer.Call(x), shape, Expected(shape, (n, i, j, k, c) =>
            Inside(i - 1, 3) && Inside(j, 2) && Inside(k - 3, 4) ? x.Data[Offset(x.Shape, n, i - 1, j, k - 3, c)] : 0), 0);
        Assert.That(layer.Padding, Is.EqualTo(((1, 2), (0, 1), (3, 0))));
    }

    [Test]
    public void ZeroPadding3D_default_and_kerass_docstring_shape()
    {
        // keras/src/layers/reshaping/zero_padding3d.py: input (1, 1, 2, 2, 3), padding=2 -> (1, 5, 6, 6, 3).
        Assert.That(new ZeroPadding3D(2).Call(Arange(1, 1, 2, 2, 3)).Shape, Is.EqualTo(new[] { 1, 5, 6, 6, 3 }));
        Assert.That(new ZeroPadding3D().Call(Arange(1, 1, 2, 2, 3)).Shape, Is.EqualTo(new[] { 1, 3, 4, 4, 3 }), "Keras's default padding is 1 on every side");
    }

    [Test]
    public void Auto_names_are_kerass_snake_case()
    {
        Assert.That(new[] { new ZeroPadding3D().Name, new Cropping3D().Name, new UpSampling3D().Name },
            Is.EqualTo(new[] { "zero_padding3d", "cropping3d", "up_sampling3d" }));
    }

    [Test]
    public void Cropping3D_drops_positions_of_each_axis()
    {
        Tensor x = Uniform(2, 2, 5, 4, 6, 3);
        var layer = new Cropping3D(((2, 1), (0, 1), (1, 3)));
        int[] shape = [2, 2, 3, 2, 3];
        AssertClose(layer.Call(x), shape, Expected(shape, (n, i, j, k, c) => x.Data[Offset(x.Shape, n, i + 2, j, k + 1, c)]), 0);
        layer.Build([null, 5, null, 6, 3]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 2, null, 2, 3 }), "an unknown axis stays unknown");
    }

    [Test]
    public void Cropping3D_default_and_kerass_docstring_shape()
    {
        // keras/src/layers/reshaping/cropping3d.py: input (2, 28, 28, 10, 3), cropping=(2, 4, 2) -> (2, 24, 20, 6, 3).
        var docstring = new Cropping3D(((2, 2), (4, 4), (2, 2)));
        docstring.Build([2, 28, 28, 10, 3]);
        Assert.That(docstring.OutputShapes[0], Is.EqualTo(new int?[] { 2, 24, 20, 6, 3 }));
        Assert.That(new Cropping3D().Call(Arange(1, 3, 4, 5, 2)).Shape, Is.EqualTo(new[] { 1, 1, 2, 3, 2 }), "Keras's default cropping is 1 on every side");
    }

    [TestCase(1, 1, 0)]
    [TestCase(0, 2, 2)]
    public void Cropping3D_that_leaves_nothing_is_refused(int axis1, int axis2, int axis3)
    {
        var layer = new Cropping3D(((axis1, axis1), (axis2, axis2), (axis3, axis3)));
        var e = Assert.Throws<LayerConfigurationException>(() => layer.Build([null, 2, 4, 3, 1]))!;
        Assert.That(e.Option, Is.EqualTo("cropping"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => layer.Call(new Tensor(1, 2, 4, 3, 1)))!.Option, Is.EqualTo("cropping"));
    }

    [Test]
    public void UpSampling3D_repeats_every_spatial_axis()
    {
        Tensor x = Uniform(3, 2, 2, 3, 2, 2);
        var layer = new UpSampling3D([2, 1, 3]);
        layer.Build([null, 2, 3, 2, 2]);
        int[] shape = [2, 4, 3, 6, 2];
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 4, 3, 6, 2 }));
        AssertClose(layer.Call(x), shape, Expected(shape, (n, i, j, k, c) => x.Data[Offset(x.Shape, n, i / 2, j, k / 3, c)]), 0);
    }

    [Test]
    public void UpSampling3D_default_and_kerass_docstring_shape()
    {
        // keras/src/layers/reshaping/up_sampling3d.py: np.ones((2, 1, 2, 1, 3)), size=(2, 2, 2) -> (2, 2, 4, 2, 3).
        var ones = new Tensor(2, 1, 2, 1, 3);
        ones.Data.AsSpan().Fill(1);
        Tensor y = new UpSampling3D().Call(ones);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 2, 4, 2, 3 }));
        Assert.That(y.Data, Is.All.EqualTo(1f));
    }

    [Test]
    public void Bad_and_unsupported_options_are_refused()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding3D(1, "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Cropping3D(1, "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new UpSampling3D(null, "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding3D(((0, 0), (0, -1), (0, 0))))!.Option, Is.EqualTo("padding"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Cropping3D(-1))!.Option, Is.EqualTo("cropping"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new UpSampling3D([2, 0, 2]))!.Option, Is.EqualTo("size"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new UpSampling3D([2, 2]))!.Option, Is.EqualTo("size"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding3D(1, "channels_middle"))!.Option, Is.EqualTo("data_format"));
    }

    [Test]
    public void A_4d_input_is_refused_naming_the_expected_rank()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new ZeroPadding3D().Build([null, 4, 4, 2]))!;
        Assert.That(e.Message, Does.Contain("ndim=5"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new UpSampling3D().Call(new Tensor(1, 2, 2, 2)))!.Message, Does.Contain("ndim=5"));
    }

    [Test]
    public void Kerass_dynamic_spatial_dim_shapes()
    {
        // zero_padding3d_test.py / cropping3d_test.py, test_*_3d_with_dynamic_spatial_dim (channels_last).
        var pad = new ZeroPadding3D(((1, 2), (3, 4), (5, 6)));
        pad.Build([1, 2, null, 4, 5]);
        Assert.That(pad.OutputShapes[0], Is.EqualTo(new int?[] { 1, 5, null, 15, 5 }));
        var crop = new Cropping3D(((1, 2), (3, 4), (5, 6)));
        crop.Build([1, 7, null, 13, 5]);
        Assert.That(crop.OutputShapes[0], Is.EqualTo(new int?[] { 1, 4, null, 2, 5 }));
    }

    // cropping3d_test.py, test_cropping_3d_errors_if_cropping_more_than_available, on a (3, 7, 9, 13, 5) input.
    [TestCase(3, 6, 0, 0, 0, 0)]
    [TestCase(0, 0, 5, 8, 0, 0)]
    [TestCase(0, 0, 0, 0, 7, 6)]
    public void Kerass_cropping_more_than_available_is_refused(int b1, int a1, int b2, int a2, int b3, int a3)
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Cropping3D(((b1, a1), (b2, a2), (b3, a3))).Build([3, 7, 9, 13, 5]))!;
        Assert.That(e.Option, Is.EqualTo("cropping"));
    }

    /// <summary>None of the three sets supports_masking (up_sampling3d_test.py: supports_masking=False), so the mask is dropped.</summary>
    [Test]
    public void Mask_is_dropped()
    {
        foreach (Layer layer in new Layer[] { new ZeroPadding3D(), new Cropping3D(), new UpSampling3D(), new ZeroPadding2D(), new UpSampling2D() })
        {
            Tensor x = layer is ZeroPadding2D or UpSampling2D ? Arange(2, 3, 3, 2) : Arange(2, 3, 3, 3, 2);
            x.Mask = [true, false, true, true, true, false];
            Tensor y = layer.Call(x);
            Assert.That(y.Mask, Is.Null, layer.ClassName);
            Assert.That(layer.CountParams(), Is.Zero, layer.ClassName);
        }
    }

    [Test]
    public void Pad_then_crop_by_the_same_sides_gives_back_the_input()
    {
        Tensor x = Uniform(4, 2, 3, 4, 2, 3);
        var sides = ((2, 1), (1, 3), (0, 2));
        Tensor y = new Cropping3D(sides).Call(new ZeroPadding3D(sides).Call(x));
        Assert.That(y.Shape, Is.EqualTo(x.Shape));
        Assert.That(y.Data, Is.EqualTo(x.Data));
    }
}
