using RnnParity.Core.Tensors;
using RnnParity.Layers.Normalization;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// The normalisation layers in C# against <c>python/numpy_layers/normalization.py</c> on the same seeded
/// weights and inputs. Both follow Keras's NumPy order of operations, and C#'s sums follow NumPy's pairwise
/// order, so the float32 results must be identical, not just close.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class NormalizationParityTests
{
    static IEnumerable<TestCaseData> LayerNormCases()
    {
        // Group sizes below 8, up to 128 and beyond 128 exercise each branch of NumPy's pairwise sum.
        yield return new TestCaseData(new[] { 2, 5, 6 }, "[-1]", false).SetName("LayerNorm_last_axis_6");
        yield return new TestCaseData(new[] { 2, 3, 100 }, "[-1]", false).SetName("LayerNorm_last_axis_100");
        yield return new TestCaseData(new[] { 2, 3, 300 }, "[-1]", false).SetName("LayerNorm_last_axis_300");
        yield return new TestCaseData(new[] { 2, 7, 40 }, "[1, 2]", false).SetName("LayerNorm_two_trailing_axes");
        yield return new TestCaseData(new[] { 3, 5, 4 }, "[1]", false).SetName("LayerNorm_middle_axis");
        yield return new TestCaseData(new[] { 2, 4, 130 }, "[-1]", true).SetName("LayerNorm_rms_scaling");
    }

    [TestCaseSource(nameof(LayerNormCases))]
    public void LayerNormalization_is_bit_identical_to_numpy(int[] shape, string axis, bool rms)
    {
        var rng = new Random(shape.Sum());
        int[] axes = System.Text.Json.JsonSerializer.Deserialize<int[]>(axis)!;
        var layer = new LayerNormalization(axes, epsilon: 1e-3, rmsScaling: rms);
        layer.Build([null, .. shape[1..]]);
        SeededTensors.FillWeights(layer, rng, 0.5, 1.5);
        var x = SeededTensors.Uniform(rng, shape, scale: 4.0, offset: 1.5);
        x.Mask = SeededTensors.PostPadding(shape[1], Enumerable.Range(0, shape[0]).Select(b => b % shape[1]).ToArray());

        var y = layer.Call(x);
        var (numpy, masks) = NumpyLayerParity.Run(layer, $$"""{"axis": {{axis}}, "epsilon": 0.001, "rms_scaling": {{(rms ? "true" : "false")}}}""", [x]);

        Assert.That(y.Data, Is.EqualTo(numpy[0].Data), $"max abs diff {NumpyLayerParity.MaxAbsDiff(y, numpy[0]):E3}");
        Assert.That(masks[0], Is.EqualTo(x.Mask));
    }

    [TestCase(-1, true, true)]
    [TestCase(1, false, true)]
    [TestCase(2, true, false)]
    public void BatchNormalization_is_bit_identical_to_numpy(int axis, bool center, bool scale)
    {
        var rng = new Random(axis + 10);
        var layer = new BatchNormalization(axis, epsilon: 1e-3, center: center, scale: scale);
        layer.Build([null, 6, 9]);
        SeededTensors.FillWeights(layer, rng, 0.1, 2.0);
        var x = SeededTensors.Uniform(rng, [4, 6, 9], scale: 3.0);

        var y = layer.Call(x);
        var (numpy, _) = NumpyLayerParity.Run(layer,
            $$"""{"axis": {{axis}}, "epsilon": 0.001, "center": {{(center ? "true" : "false")}}, "scale": {{(scale ? "true" : "false")}}}""", [x]);

        Assert.That(y.Data, Is.EqualTo(numpy[0].Data), $"max abs diff {NumpyLayerParity.MaxAbsDiff(y, numpy[0]):E3}");
    }

    /// <summary>The comparison can fail: a different epsilon is caught.</summary>
    [Test]
    public void A_different_epsilon_is_caught()
    {
        var rng = new Random(1);
        var layer = new LayerNormalization(epsilon: 1e-3);
        layer.Build([null, 3, 8]);
        SeededTensors.FillWeights(layer, rng);
        var x = SeededTensors.Uniform(rng, [2, 3, 8], scale: 0.05);

        var (numpy, _) = NumpyLayerParity.Run(layer, """{"axis": [-1], "epsilon": 0.01}""", [x]);

        Assert.That(NumpyLayerParity.MaxAbsDiff(layer.Call(x), numpy[0]), Is.GreaterThan(1e-3));
    }
}
