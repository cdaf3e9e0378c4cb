using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Pooling;
using static RnnParity.Tests.Layers.SeededTensors;
using static RnnParity.Tests.Layers.Convolutional.ChannelsFirstParity;

namespace RnnParity.Tests.Layers.Pooling;

/// <summary>
/// The 2-D/3-D pooling and global pooling layers with <c>data_format="channels_first"</c>: (batch, channels, s…) in,
/// the transposition of the channels_last result out; global pooling gives (batch, channels), or with keepdims
/// (batch, channels, 1, …, 1) as Keras's global_*_pooling_test.py channels_first rows.
/// </summary>
[TestFixture]
public sealed class PoolingChannelsFirstTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Layer Pooling(string kind, int rank, string padding, string format) => (kind, rank) switch
    {
        ("max", 2) => new MaxPooling2D([2, 3], [2, 1], padding, format),
        ("avg", 2) => new AveragePooling2D([2, 3], [2, 1], padding, format),
        ("max", _) => new MaxPooling3D([2, 2, 3], [1, 2, 2], padding, format),
        _ => new AveragePooling3D([2, 2, 3], [1, 2, 2], padding, format),
    };

    [TestCase("max", 2, "valid")]
    [TestCase("max", 2, "same")]
    [TestCase("avg", 2, "same")]
    [TestCase("max", 3, "same")]
    [TestCase("avg", 3, "valid")]
    [TestCase("avg", 3, "same")]
    public void Pooling_channels_first_is_the_transposed_channels_last_pooling(string kind, int rank, string padding)
    {
        int[] axes = rank == 2 ? [0, 3, 1, 2] : [0, 4, 1, 2, 3];
        Tensor x = Uniform(3, rank == 2 ? [2, 7, 8, 3] : [2, 5, 6, 7, 3]);
        AssertTransposed(Pooling(kind, rank, padding, "channels_last"), Pooling(kind, rank, padding, "channels_first"), x, axes, axes);
    }

    static Layer Global(bool max, int rank, bool keepdims, string format) => (max, rank) switch
    {
        (true, 2) => new GlobalMaxPooling2D(format, keepdims),
        (false, 2) => new GlobalAveragePooling2D(format, keepdims),
        (true, _) => new GlobalMaxPooling3D(format, keepdims),
        _ => new GlobalAveragePooling3D(format, keepdims),
    };

    [TestCase(true, 2, false)]
    [TestCase(false, 2, true)]
    [TestCase(true, 3, true)]
    [TestCase(false, 3, false)]
    public void Global_pooling_channels_first_reduces_the_axes_after_channels(bool max, int rank, bool keepdims)
    {
        int[] axes = rank == 2 ? [0, 3, 1, 2] : [0, 4, 1, 2, 3];
        Tensor x = Uniform(4, rank == 2 ? [2, 4, 5, 3] : [2, 3, 4, 5, 3]);
        int[] outputAxes = keepdims ? axes : [0, 1];
        IReadOnlyList<Tensor> y = AssertTransposed(Global(max, rank, keepdims, "channels_last"), Global(max, rank, keepdims, "channels_first"), x, axes, outputAxes);
        // global_max_pooling_test.py / global_average_pooling_test.py, channels_first: (2, 3) or (2, 3, 1, …, 1).
        Assert.That(y[0].Shape, Is.EqualTo(keepdims ? new[] { 2, 3 }.Concat(Enumerable.Repeat(1, rank)).ToArray() : new[] { 2, 3 }));
    }
}
