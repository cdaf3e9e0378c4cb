using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Pooling;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Pooling;

/// <summary>
/// <see cref="MaxPooling1D"/> and <see cref="AveragePooling1D"/> on the configurations of Keras's
/// <c>keras/src/layers/pooling/max_pooling_test.py</c> and <c>average_pooling_test.py</c>
/// (<c>np.arange(24).reshape((2, 3, 4))</c>) and on seeded inputs, against a window reduction written
/// here in double: 'same' pads ⌊total/2⌋ on the left (XLA's <c>padtype_to_pads</c>, which the numpy
/// backend's <c>lax.reduce_window</c> uses; Keras's own test pads on the right, which agrees for its
/// cases), the padding never winning a max and never counted in an average.
/// </summary>
[TestFixture]
public sealed class Pooling1DTests
{
    const double Tolerance = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase(true, 2, 1, "valid", "channels_last")]
    [TestCase(true, 2, 1, "valid", "channels_first")]
    [TestCase(true, 2, 1, "same", "channels_last")]
    [TestCase(true, 2, 1, "same", "channels_first")]
    [TestCase(true, 2, 2, "valid", "channels_last")]
    [TestCase(true, 2, 2, "valid", "channels_first")]
    [TestCase(false, 2, 1, "valid", "channels_last")]
    [TestCase(false, 2, 1, "valid", "channels_first")]
    [TestCase(false, 2, 2, "valid", "channels_last")]
    [TestCase(false, 2, 2, "valid", "channels_first")]
    [TestCase(false, 2, 1, "same", "channels_last")]
    [TestCase(false, 2, 1, "same", "channels_first")]
    [TestCase(false, 2, 2, "same", "channels_last")]
    [TestCase(false, 2, 2, "same", "channels_first")]
    public void Keras_test_configurations(bool max, int pool, int strides, string padding, string dataFormat)
    {
        Check(max, Arange(2, 3, 4), pool, strides, padding, dataFormat);
    }

    [TestCase(true, 3, 1, "same")]
    [TestCase(false, 3, 1, "same")]
    [TestCase(true, 4, 3, "same")]
    [TestCase(false, 4, 3, "same")]
    [TestCase(false, 3, 2, "valid")]
    [TestCase(true, 5, 2, "same")]
    public void Seeded_inputs_with_padding_on_both_sides(bool max, int pool, int strides, string padding)
    {
        Check(max, Uniform(11, 3, 7, 5), pool, strides, padding, "channels_last");
    }

    static void Check(bool max, Tensor x, int pool, int strides, string padding, string dataFormat)
    {
        Pooling1D layer = max ? new MaxPooling1D(pool, strides, padding, dataFormat) : new AveragePooling1D(pool, strides, padding, dataFormat);
        var (shape, expected) = Reference(max, x, pool, strides, padding, dataFormat == "channels_first");
        layer.Build([null, x.Shape[1], x.Shape[2]]);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(shape[1..].Select(d => (int?)d)), "compute_output_shape");
        AssertClose(layer.Call(x), shape, expected, Tolerance);
    }

    static (int[] Shape, double[] Values) Reference(bool max, Tensor x, int pool, int stride, string padding, bool channelsFirst)
    {
        int batch = x.Shape[0], length = channelsFirst ? x.Shape[2] : x.Shape[1], channels = channelsFirst ? x.Shape[1] : x.Shape[2];
        int outLength = padding == "same" ? (length + stride - 1) / stride : (length - pool) / stride + 1;
        int left = padding == "same" ? Math.Max((outLength - 1) * stride + pool - length, 0) / 2 : 0;
        int[] shape = channelsFirst ? [batch, channels, outLength] : [batch, outLength, channels];
        var y = new double[batch * channels * outLength];
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < outLength; t++)
                for (int c = 0; c < channels; c++)
                {
                    double acc = max ? double.NegativeInfinity : 0;
                    int count = 0;
                    for (int j = 0; j < pool; j++)
                    {
                        int p = t * stride + j - left;
                        if (p < 0 || p >= length) continue;
                        double v = x.Data[channelsFirst ? Offset(x.Shape, n, c, p) : Offset(x.Shape, n, p, c)];
                        acc = max ? Math.Max(acc, v) : acc + v;
                        count++;
                    }
                    y[channelsFirst ? Offset(shape, n, c, t) : Offset(shape, n, t, c)] = max ? acc : acc / count;
                }
        return (shape, y);
    }

    [Test]
    public void Strides_default_to_pool_size_and_max_pool_size_to_two()
    {
        Assert.That(new MaxPooling1D().PoolSize, Is.EqualTo(2));
        Assert.That(new MaxPooling1D().Strides, Is.EqualTo(2));
        Assert.That(new AveragePooling1D(3).Strides, Is.EqualTo(3));
    }

    [Test]
    public void Keras_shape_example_and_no_weights()
    {
        // average_pooling_test.py test_average_pooling1d: (3, 5, 4), pool 2, strides 2, valid -> (3, 2, 4).
        var layer = new AveragePooling1D(2, 2);
        layer.Build([3, 5, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { 3, 2, 4 }));
        Assert.That(layer.Weights, Is.Empty);
    }

    [Test]
    public void A_mask_is_dropped()
    {
        var x = Uniform(1, 2, 4, 3);
        x.Mask = Mask(new[,] { { 1, 1, 0, 0 }, { 1, 1, 1, 1 } });
        Assert.That(new MaxPooling1D().Call(x).Mask, Is.Null);
        Assert.That(new AveragePooling1D(2).Call(x).Mask, Is.Null);
    }

    [TestCase(0, 1, "valid", "pool_size")]
    [TestCase(2, 0, "valid", "strides")]
    [TestCase(2, 1, "causal", "padding")]
    public void Bad_options_are_refused_by_name(int pool, int strides, string padding, string option)
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new MaxPooling1D(pool, strides, padding, name: "p"))!;
        Assert.That(e.Option, Is.EqualTo(option));
        Assert.That(e.Message, Does.Contain("'p'"));
    }

    [Test]
    public void Bad_data_format_is_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new AveragePooling1D(2, dataFormat: "channels_middle"))!;
        Assert.That(e.Option, Is.EqualTo("data_format"));
    }
}
