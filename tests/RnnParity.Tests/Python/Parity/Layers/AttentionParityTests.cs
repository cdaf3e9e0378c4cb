using RnnParity.Layers.Attention;
using RnnParity.Tests.Layers;
using AttentionLayer = RnnParity.Layers.Attention.Attention;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>The attention layers in C# against <c>python/numpy_layers/attention.py</c> on the same seeded
/// weights, inputs and masks (matrix products differ in summation order from NumPy's BLAS, so within 1e-6).</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class AttentionParityTests
{
    const double Tolerance = 1e-6;

    static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("Attention", """{"use_scale": false, "score_mode": "dot"}""", false, false, false).SetName("Attention_dot");
        yield return new TestCaseData("Attention", """{"use_scale": true, "score_mode": "dot"}""", true, false, true).SetName("Attention_dot_scale_masks_causal");
        yield return new TestCaseData("Attention", """{"use_scale": true, "score_mode": "concat"}""", true, true, false).SetName("Attention_concat_masks_scores");
        yield return new TestCaseData("AdditiveAttention", """{"use_scale": true}""", true, true, true).SetName("AdditiveAttention_scale_masks_causal_scores");
        yield return new TestCaseData("AdditiveAttention", """{"use_scale": false}""", false, false, false).SetName("AdditiveAttention_plain");
    }

    [TestCaseSource(nameof(Cases))]
    public void Matches_numpy(string className, string config, bool masked, bool scores, bool causal)
    {
        var rng = new Random(className.Length + config.Length);
        bool useScale = config.Contains("\"use_scale\": true");
        AttentionLayer layer = className == "Attention"
            ? new AttentionLayer(useScale, config.Contains("concat") ? "concat" : "dot")
            : new AdditiveAttention(useScale);
        var q = SeededTensors.Uniform(rng, [3, 5, 4]);
        var v = SeededTensors.Uniform(rng, [3, 7, 6]);
        var k = SeededTensors.Uniform(rng, [3, 7, 4]);
        if (masked)
        {
            q.Mask = SeededTensors.PostPadding(5, 0, 2, 4);
            v.Mask = SeededTensors.PostPadding(7, 3, 0, 6);
        }
        layer.Build([null, 5, 4], [null, 7, 6], [null, 7, 4]);
        SeededTensors.FillWeights(layer, rng, 0.5, 1.5);

        var mine = layer.Call([q, v, k], causal, scores);
        var (numpy, masks) = NumpyLayerParity.Run(layer, config, [q, v, k],
            $$"""{"use_causal_mask": {{(causal ? "true" : "false")}}, "return_attention_scores": {{(scores ? "true" : "false")}}}""");

        Assert.That(numpy, Has.Count.EqualTo(mine.Count));
        for (int i = 0; i < mine.Count; i++)
            Assert.That(NumpyLayerParity.MaxAbsDiff(mine[i], numpy[i]), Is.LessThanOrEqualTo(Tolerance), $"output {i}");
        Assert.That(masks[0], Is.EqualTo(q.Mask));
    }

    /// <summary>The comparison can fail: ignoring the value mask is caught.</summary>
    [Test]
    public void Ignoring_the_value_mask_is_caught()
    {
        var rng = new Random(8);
        var layer = new AttentionLayer();
        var q = SeededTensors.Uniform(rng, [2, 4, 3]);
        var v = SeededTensors.Uniform(rng, [2, 6, 3]);
        var unmasked = layer.Call([q, v])[0];
        v.Mask = SeededTensors.PostPadding(6, 3, 3);

        var (numpy, _) = NumpyLayerParity.Run(layer, "{}", [q, v]);

        Assert.That(NumpyLayerParity.MaxAbsDiff(unmasked, numpy[0]), Is.GreaterThan(1e-3));
    }
}
