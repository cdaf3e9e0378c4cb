using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Pooling;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Pooling;

/// <summary>
/// The 2-D/3-D pooling layers against Keras's shapes (<c>keras/src/layers/pooling/max_pooling_test.py</c>) and a direct double-precision window reduction written
/// here: 'same' pads ⌊total/2⌋ before, padded positions take no part (max never picks them, the mean
/// divides by the real positions only, as Keras's numpy backend does).
/// </summary>
[TestFixture]
public sealed class Pooling2DTests
{
    const double Tolerance = 1e-6;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    // max_pooling_test.py MaxPoolingBasicTest.test_max_pooling2d (channels_last rows): (pool_size, strides, padding, input, output);
    // the last row uses the correctness test's ((2, 3), (3, 3), "same") on a (3, 5, 6, 4) input.
    [TestCase(new[] { 2, 2 }, new[] { 1, 1 }, "valid", new[] { 3, 5, 5, 4 }, new[] { 3, 4, 4, 4 })]
    [TestCase(new[] { 2, 3 }, new[] { 2, 2 }, "valid", new[] { 3, 5, 5, 4 }, new[] { 3, 2, 2, 4 })]
    [TestCase(new[] { 2, 3 }, new[] { 3, 3 }, "same", new[] { 3, 5, 6, 4 }, new[] { 3, 2, 2, 4 })]
    public void Max_and_average_shapes_as_Keras_tests_them(int[] pool, int[] strides, string padding, int[] input, int[] output)
    {
        foreach (Layer layer in new Layer[] { new MaxPooling2D(pool, strides, padding), new AveragePooling2D(pool, strides, padding) })
        {
            layer.Build([null, input[1], input[2], input[3]]);
            Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, output[1], output[2], output[3] }), layer.ClassName);
            Assert.That(layer.CountParams(), Is.Zero);
            Assert.That(layer.Call(Uniform(1, input)).Shape, Is.EqualTo(output), layer.ClassName);
        }
    }

    [TestCase(new[] { 2, 2 }, null, "valid")]
    [TestCase(new[] { 3, 2 }, new[] { 2, 1 }, "same")]
    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "same")]
    [TestCase(new[] { 2, 3 }, new[] { 3, 2 }, "same")]
    [TestCase(new[] { 2, 2, 3 }, new[] { 1, 2, 2 }, "same")]
    [TestCase(new[] { 2, 2, 2 }, null, "valid")]
    public void Values_match_a_direct_window_reduction(int[] pool, int[]? strides, string padding)
    {
        Tensor x = Uniform(11, pool.Length == 2 ? [2, 7, 6, 3] : [2, 5, 4, 5, 3]);
        (Layer max, Layer avg) = pool.Length == 2
            ? ((Layer)new MaxPooling2D(pool, strides, padding), (Layer)new AveragePooling2D(pool, strides, padding))
            : (new MaxPooling3D(pool, strides, padding), new AveragePooling3D(pool, strides, padding));
        var (shape, maxExpected, avgExpected) = Reference(x, pool, strides ?? pool, padding);
        AssertClose(max.Call(x), shape, maxExpected, Tolerance, "max");
        AssertClose(avg.Call(x), shape, avgExpected, Tolerance, "average");
    }

    static (int[] Shape, double[] Max, double[] Average) Reference(Tensor x, int[] pool, int[] strides, string padding)
    {
        int rank = pool.Length, batch = x.Shape[0], channels = x.Shape[^1];
        int[] size = x.Shape[1..^1];
        var outSize = new int[rank];
        var before = new int[rank];
        for (int a = 0; a < rank; a++)
        {
            outSize[a] = padding == "valid" ? (size[a] - pool[a]) / strides[a] + 1 : (size[a] + strides[a] - 1) / strides[a];
            if (padding == "same") before[a] = Math.Max((outSize[a] - 1) * strides[a] + pool[a] - size[a], 0) / 2;
        }
        int[] shape = [batch, .. outSize, channels];
        int outCount = outSize.Aggregate(1, (p, d) => p * d), taps = pool.Aggregate(1, (p, d) => p * d);
        var max = new double[batch * outCount * channels];
        var avg = new double[max.Length];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outCount; o++)
                for (int c = 0; c < channels; c++)
                {
                    double best = double.NegativeInfinity, sum = 0;
                    int count = 0;
                    for (int t = 0; t < taps; t++)
                    {
                        int[] index = new int[rank + 2];
                        index[0] = n;
                        index[^1] = c;
                        int oi = o, ti = t;
                        bool inside = true;
                        for (int a = rank - 1; a >= 0; a--)
                        {
                            int p = oi % outSize[a] * strides[a] + ti % pool[a] - before[a];
                            oi /= outSize[a];
                            ti /= pool[a];
                            index[a + 1] = p;
                            inside &= p >= 0 && p < size[a];
                        }
                        if (!inside) continue;
                        double v = x.Data[Offset(x.Shape, index)];
                        best = Math.Max(best, v);
                        sum += v;
                        count++;
                    }
                    max[(n * outCount + o) * channels + c] = best;
                    avg[(n * outCount + o) * channels + c] = sum / count;
                }
        return (shape, max, avg);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Global_pooling_reduces_every_spatial_axis(bool keepdims)
    {
        Tensor x = Uniform(12, 2, 3, 4, 5);
        var max = new GlobalMaxPooling2D(keepdims: keepdims);
        var avg = new GlobalAveragePooling2D(keepdims: keepdims);
        int[] shape = keepdims ? [2, 1, 1, 5] : [2, 5];
        max.Build([null, 3, 4, 5]);
        Assert.That(max.OutputShapes[0], Is.EqualTo(keepdims ? new int?[] { null, 1, 1, 5 } : new int?[] { null, 5 }));
        var maxExpected = new double[10];
        var avgExpected = new double[10];
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 5; c++)
            {
                var values = Enumerable.Range(0, 12).Select(p => (double)x.Data[(n * 12 + p) * 5 + c]).ToArray();
                maxExpected[n * 5 + c] = values.Max();
                avgExpected[n * 5 + c] = values.Average();
            }
        AssertClose(max.Call(x), shape, maxExpected, Tolerance, "max");
        AssertClose(avg.Call(x), shape, avgExpected, Tolerance, "average");
        Assert.That(new GlobalAveragePooling3D().Call(Uniform(1, 2, 2, 3, 4, 5)).Shape, Is.EqualTo(new[] { 2, 5 }));
    }

    [Test]
    public void Masks_are_dropped()
    {
        var x = Uniform(3, 2, 4, 4, 3);
        x.Mask = Mask(new[,] { { 1, 1, 1, 0 }, { 1, 0, 1, 1 } });
        Assert.That(new MaxPooling2D().Call(x).Mask, Is.Null);
        Assert.That(new GlobalAveragePooling2D().Call(x).Mask, Is.Null);
    }

    [Test]
    public void Bad_options_are_refused_by_name()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new MaxPooling2D([2, 0]))!.Option, Is.EqualTo("pool_size"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new MaxPooling2D([2, 2, 2]))!.Option, Is.EqualTo("pool_size"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new AveragePooling2D([2, 2], [1, 0]))!.Option, Is.EqualTo("strides"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new AveragePooling2D([2, 2], padding: "causal"))!.Option, Is.EqualTo("padding"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new GlobalMaxPooling2D("channels_middle"))!.Option, Is.EqualTo("data_format"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new MaxPooling2D(dataFormat: "channels_middle"))!.Option, Is.EqualTo("data_format"));
    }
}
