using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Reshaping;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Reshaping;

/// <summary>
/// ZeroPadding2D, Cropping2D and UpSampling2D against the index formulas of Keras's docs
/// (<c>keras/src/layers/reshaping/*_2d.py</c>): padded y[n, r, c] = x[n, r − top, c − left] inside, 0 outside;
/// cropped y[n, r, c] = x[n, r + top, c + left]; upsampled y[n, r, c] = x[n, ⌊r/size₀⌋, ⌊c/size₁⌋].
/// </summary>
[TestFixture]
public sealed class Reshaping2DTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static double[] Expected(int[] shape, Func<int, int, int, int, double> value)
    {
        var y = new double[shape.Aggregate(1, (p, d) => p * d)];
        for (int n = 0; n < shape[0]; n++)
            for (int r = 0; r < shape[1]; r++)
                for (int c = 0; c < shape[2]; c++)
                    for (int k = 0; k < shape[3]; k++) y[Offset(shape, n, r, c, k)] = value(n, r, c, k);
        return y;
    }

    [Test]
    public void ZeroPadding2D_puts_zeros_around_each_image()
    {
        Tensor x = Uniform(1, 2, 3, 4, 2);
        var layer = new ZeroPadding2D(((1, 2), (0, 3)));
        layer.Build([null, 3, 4, 2]);
        int[] shape = [2, 6, 7, 2];
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 7, 2 }));
        AssertClose(layer.Call(x), shape, Expected(shape, (n, r, c, k) =>
            r - 1 is >= 0 and < 3 && c is >= 0 and < 4 ? x.Data[Offset(x.Shape, n, r - 1, c, k)] : 0), 0);
        Assert.That(new ZeroPadding2D().Call(x).Shape, Is.EqualTo(new[] { 2, 5, 6, 2 }), "Keras's default padding is 1 on every side");
    }

    [Test]
    public void Cropping2D_drops_rows_and_columns()
    {
        Tensor x = Uniform(2, 2, 6, 5, 3);
        var layer = new Cropping2D(((2, 1), (1, 0)));
        int[] shape = [2, 3, 4, 3];
        AssertClose(layer.Call(x), shape, Expected(shape, (n, r, c, k) => x.Data[Offset(x.Shape, n, r + 2, c + 1, k)]), 0);
        var e = Assert.Throws<LayerConfigurationException>(() => new Cropping2D(((3, 3), (0, 0))).Build([null, 6, 5, 3]))!;
        Assert.That(e.Option, Is.EqualTo("cropping"));
        Assert.That(new Cropping2D().Call(x).Shape, Is.EqualTo(x.Shape), "Keras's default cropping is 0");
    }

    [Test]
    public void UpSampling2D_repeats_rows_and_columns()
    {
        Tensor x = Uniform(3, 2, 3, 2, 2);
        var layer = new UpSampling2D([2, 3]);
        layer.Build([null, 3, 2, 2]);
        int[] shape = [2, 6, 6, 2];
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 6, 2 }));
        AssertClose(layer.Call(x), shape, Expected(shape, (n, r, c, k) => x.Data[Offset(x.Shape, n, r / 2, c / 3, k)]), 0);
    }

    [Test]
    public void Unsupported_options_are_refused()
    {
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new UpSampling2D(interpolation: "bilinear"))!.Option, Is.EqualTo("interpolation"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding2D(1, "channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding2D(-1))!.Option, Is.EqualTo("padding"));
    }
}
