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

/// <summary>MultiHeadAttention in C# against <c>python/numpy_layers/attention.py</c> on both of Keras's paths
/// (dot_product_attention, and the explicit softmax taken with scores or dropout), with masks including
/// fully masked query rows, where the two paths differ.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class MultiHeadAttentionParityTests
{
    [TestCase(0.0, false, false, false, null, TestName = "MHA_plain")]
    [TestCase(0.0, false, true, true, null, TestName = "MHA_dot_product_path_masks_causal")]
    [TestCase(0.0, true, true, false, null, TestName = "MHA_scores_path_masks")]
    [TestCase(0.1, false, true, true, 2, TestName = "MHA_dropout_path_masks_causal_window")]
    [TestCase(0.0, false, false, false, 2, TestName = "MHA_sliding_window")]
    public void Matches_numpy(double dropout, bool scores, bool masked, bool causal, int? window)
    {
        var rng = new Random(42);
        var layer = new MultiHeadAttention(3, 4, valueDim: 5, dropout: dropout, outputShape: 6, slidingWindow: window);
        var q = SeededTensors.Uniform(rng, [3, 5, 7]);
        var v = SeededTensors.Uniform(rng, [3, 6, 8]);
        var k = SeededTensors.Uniform(rng, [3, 6, 9]);
        if (masked)
        {
            q.Mask = SeededTensors.PostPadding(5, 0, 2, 1);
            v.Mask = SeededTensors.PostPadding(6, 2, 0, 5);
            k.Mask = SeededTensors.PostPadding(6, 0, 1, 0);
        }
        layer.Build([null, 5, 7], [null, 6, 8], [null, 6, 9]);
        SeededTensors.FillWeights(layer, rng);
        string config = $$"""{"num_heads": 3, "key_dim": 4, "value_dim": 5, "output_shape": 6, "dropout": {{dropout.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "sliding_window": {{(window is int w ? w.ToString() : "null")}}}""";

        var mine = layer.Call([q, v, k], causal, scores);
        var (numpy, masks) = NumpyLayerParity.Run(layer, config, [q, v, k],
            $$"""{"use_causal_mask": {{(causal ? "true" : "false")}}, "return_attention_scores": {{(scores ? "true" : "false")}}}""");

        Assert.That(numpy, Has.Count.EqualTo(mine.Count));
        for (int i = 0; i < mine.Count; i++)
            Assert.That(NumpyLayerParity.MaxAbsDiff(mine[i], numpy[i]), Is.LessThanOrEqualTo(2e-6), $"output {i}");
        Assert.That(masks[0], Is.EqualTo(q.Mask));
    }

    /// <summary>The two paths really differ on a fully masked query row, so taking the wrong one is caught.</summary>
    [Test]
    public void Taking_the_other_path_is_caught()
    {
        var rng = new Random(3);
        var layer = new MultiHeadAttention(2, 3);
        var x = SeededTensors.Uniform(rng, [2, 4, 5]);
        x.Mask = SeededTensors.PostPadding(4, 2, 0);
        layer.Build([null, 4, 5], [null, 4, 5]);
        SeededTensors.FillWeights(layer, rng);

        var mine = layer.Call([x, x], useCausalMask: false, returnAttentionScores: false);
        var (numpy, _) = NumpyLayerParity.Run(layer, """{"num_heads": 2, "key_dim": 3, "dropout": 0.5}""", [x, x]);

        Assert.That(NumpyLayerParity.MaxAbsDiff(mine[0], numpy[0]), Is.GreaterThan(1e-3));
    }
}
