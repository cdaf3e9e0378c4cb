using RnnParity.Core.Tensors;
using RnnParity.Layers.Pooling;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Pooling;

/// <summary>
/// <see cref="GlobalAveragePooling1D"/> and <see cref="GlobalMaxPooling1D"/> on Keras's
/// <c>global_average_pooling_test.py</c> / <c>global_max_pooling_test.py</c> set-ups
/// (<c>np.arange(24).reshape((2, 3, 4))</c>, its masks), the expected values computed here as that
/// test's <c>np_gap1d</c> computes them.
/// </summary>
[TestFixture]
public sealed class GlobalPooling1DTests
{
    const double Tolerance = 1e-6;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase("channels_last", false)]
    [TestCase("channels_last", true)]
    [TestCase("channels_first", false)]
    [TestCase("channels_first", true)]
    public void Average_with_and_without_Keras_test_mask(string dataFormat, bool keepdims)
    {
        bool first = dataFormat == "channels_first";
        var layer = new GlobalAveragePooling1D(dataFormat, keepdims);
        // The masks of global_average_pooling_test.py: over the steps axis (3 steps, or 4 for channels_first).
        int[,] keras = first ? new[,] { { 1, 1, 0, 0 }, { 0, 1, 0, 1 } } : new[,] { { 1, 1, 0 }, { 0, 1, 0 } };
        foreach (int[,]? mask in new[] { null, keras })
        {
            Tensor x = Arange(2, 3, 4);
            x.Mask = mask is null ? null : Mask(mask);
            var (shape, expected) = Gap(x, first, keepdims, mask);
            Tensor y = layer.Call(x);
            AssertClose(y, shape, expected, Tolerance, mask is null ? "unmasked" : "masked");
            Assert.That(y.Mask, Is.Null, "compute_mask returns None");
        }
    }

    /// <summary>np_gap1d: x·mask summed over the steps axis / mask summed; mean without a mask.</summary>
    static (int[] Shape, double[] Values) Gap(Tensor x, bool channelsFirst, bool keepdims, int[,]? mask)
    {
        int batch = x.Shape[0], steps = channelsFirst ? x.Shape[2] : x.Shape[1], channels = channelsFirst ? x.Shape[1] : x.Shape[2];
        var y = new double[batch * channels];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
            {
                double sum = 0, weight = 0;
                for (int t = 0; t < steps; t++)
                {
                    double m = mask is null ? 1 : mask[n, t];
                    sum += m * x.Data[channelsFirst ? Offset(x.Shape, n, c, t) : Offset(x.Shape, n, t, c)];
                    weight += m;
                }
                y[n * channels + c] = sum / weight;
            }
        int[] shape = !keepdims ? [batch, channels] : channelsFirst ? [batch, channels, 1] : [batch, 1, channels];
        return (shape, y);
    }

    [Test]
    public void Average_of_an_all_masked_row_is_nan_as_in_Keras()
    {
        Tensor x = Arange(2, 3, 2);
        x.Mask = Mask(new[,] { { 0, 0, 0 }, { 1, 0, 1 } });
        Tensor y = new GlobalAveragePooling1D().Call(x);
        Assert.That(y.Data.Take(2), Is.All.NaN, "0/0");
        Assert.That(y.Data.Skip(2), Is.EqualTo(new[] { (6f + 10f) / 2, (7f + 11f) / 2 }));
    }

    [TestCase("channels_last", false)]
    [TestCase("channels_last", true)]
    [TestCase("channels_first", false)]
    [TestCase("channels_first", true)]
    public void Max_over_every_step(string dataFormat, bool keepdims)
    {
        bool first = dataFormat == "channels_first";
        Tensor x = Uniform(5, 2, 3, 4);
        var layer = new GlobalMaxPooling1D(dataFormat, keepdims);
        int batch = 2, steps = first ? 4 : 3, channels = first ? 3 : 4;
        var expected = new double[batch * channels];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < channels; c++)
                expected[n * channels + c] = Enumerable.Range(0, steps).Max(t => (double)x.Data[first ? Offset(x.Shape, n, c, t) : Offset(x.Shape, n, t, c)]);
        int[] shape = !keepdims ? [batch, channels] : first ? [batch, channels, 1] : [batch, 1, channels];
        AssertClose(layer.Call(x), shape, expected, 0);
        layer.Build([null, 3, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(shape.Select((d, i) => i == 0 ? (int?)null : d)));
    }

    [Test]
    public void Max_ignores_and_drops_a_mask_as_Keras_3_does()
    {
        // GlobalMaxPooling1D has no compute_mask and its call takes no mask (Keras warns that the mask is destroyed).
        Tensor x = new([1, 3, 1], [5f, 1f, 2f]) { Mask = Mask(new[,] { { 0, 1, 1 } }) };
        Tensor y = new GlobalMaxPooling1D().Call(x);
        Assert.That(y.Data, Is.EqualTo(new[] { 5f }), "the masked step still wins");
        Assert.That(y.Mask, Is.Null);
    }
}
