using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Attention;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.Layers.Attention;

/// <summary>
/// <see cref="MultiHeadAttention"/> against Keras's own test values
/// (<c>keras/src/layers/attention/multi_head_attention_test.py</c>), its weight layout and paths, masks,
/// and loading from Keras 3 JSON. The per-head formula on random weights is checked against the NumPy
/// version in <c>Python/Parity/Layers/AttentionParityTests</c>.
/// </summary>
[TestFixture]
public sealed class MultiHeadAttentionTests
{
    [SetUp]
    public void ClearNames() => Keras.ClearSession();

    /// <summary>test_correctness (without flash attention): identity kernels repeated on every head, zero
    /// biases, identity query and key, value = arange(64).reshape(8, 8) / 100; atol 1e-2 as in Keras.</summary>
    [Test]
    public void Keras_test_correctness()
    {
        const int n = 8, kd = 8;
        var layer = new MultiHeadAttention(n, kd);
        layer.Build([1, kd, kd], [1, kd, kd], [1, kd, kd]);
        foreach (var w in layer.Weights.Where(w => w.Name == "kernel"))
            for (int a = 0; a < kd; a++)
                for (int h = 0; h < n; h++) w.Data[(a * n + h) * kd + a] = 1f; // np.repeat(identity[:, None, :], n, axis=1)
        var query = new Tensor(1, kd, kd);
        for (int i = 0; i < kd; i++) query.Data[i * kd + i] = 1f;
        var value = new Tensor(1, kd, kd);
        for (int i = 0; i < value.Length; i++) value.Data[i] = i / 100f;

        var r = layer.Call([query, value, query], useCausalMask: false, returnAttentionScores: true);

        float[] rows = [2.406f, 2.440f, 2.473f, 2.504f, 2.535f, 2.568f, 2.602f, 2.633f];
        Assert.That(r[0].Data, Is.EqualTo(rows.SelectMany(v => Enumerable.Repeat(v, kd))).Within(1e-2f));
        Assert.That(r[1].Shape, Is.EqualTo(new[] { 1, n, kd, kd }));
        for (int h = 0; h < n; h++)
            for (int i = 0; i < kd; i++)
                for (int j = 0; j < kd; j++)
                    Assert.That(r[1].Data[(h * kd + i) * kd + j], Is.EqualTo(i == j ? 0.1691f : 0.1187f).Within(1e-2f));
    }

    [Test]
    public void Weights_are_keras_einsum_dense_sub_layers_with_their_paths()
    {
        var layer = new MultiHeadAttention(numHeads: 2, keyDim: 3, valueDim: 4, outputShape: 5, name: "mha");
        layer.Build([null, 6, 7], [null, 9, 8], [null, 9, 10]);

        Assert.That(layer.WeightPaths().Select(p => $"{p.Path}{ShapeUtil.Format(p.Weight.Shape)}"), Is.EqualTo(new[]
        {
            "mha/query/kernel(7, 2, 3)", "mha/query/bias(2, 3)", "mha/key/kernel(10, 2, 3)", "mha/key/bias(2, 3)",
            "mha/value/kernel(8, 2, 4)", "mha/value/bias(2, 4)", "mha/attention_output/kernel(2, 4, 5)", "mha/attention_output/bias(5,)",
        }));
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 5 }));
    }

    [Test]
    public void Without_bias_only_kernels()
    {
        var layer = new MultiHeadAttention(2, 4, useBias: false, name: "mha");
        layer.Build([null, 5, 8], [null, 5, 8]);
        Assert.That(layer.WeightPaths().Select(p => p.Path), Is.EqualTo(new[] { "mha/query/kernel", "mha/key/kernel", "mha/value/kernel", "mha/attention_output/kernel" }));
        Assert.That(layer.CountParams(), Is.EqualTo(4 * 8 * 8));
    }

    /// <summary>test_symbolic_return_attention_scores; Keras declares the scores (batch, heads, Tq, Tq).</summary>
    [Test]
    public void Symbolic_scores_shape_is_keras_s()
    {
        var x = Keras.Input([3, 6]);
        var y = Keras.Input([5, 6]);
        var (output, scores) = new MultiHeadAttention(4, 2).ApplyWithScores([x, y]);
        Assert.That(output.Shape, Is.EqualTo(new int?[] { null, 3, 6 }));
        Assert.That(scores.Shape, Is.EqualTo(new int?[] { null, 4, 3, 3 }));
    }

    /// <summary>test_query_mask_propagation, and test_masking's point: masked value steps get no weight.</summary>
    [Test]
    public void The_query_mask_propagates_and_masked_value_steps_get_no_weight()
    {
        var rng = new Random(6);
        var layer = new MultiHeadAttention(2, 2);
        var q = SeededTensors.Uniform(rng, [3, 5, 8]);
        var v = SeededTensors.Uniform(rng, [3, 3, 8]);
        layer.Build([null, 5, 8], [null, 3, 8]);
        SeededTensors.FillWeights(layer, rng);
        q.Mask = SeededTensors.PostPadding(5, 2, 0, 4);
        v.Mask = SeededTensors.PostPadding(3, 1, 2, 0);

        var r = layer.Call([q, v], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Mask, Is.SameAs(q.Mask));
        for (int b = 0; b < 3; b++)
            for (int j = 0; j < 3; j++)
                if (!v.Mask[b * 3 + j])
                    for (int h = 0; h < 2; h++)
                        for (int i = 0; i < 5; i++) Assert.That(r[1].Data[((b * 2 + h) * 5 + i) * 3 + j], Is.Zero);
    }

    /// <summary>test_sliding_window: with the causal mask, step i attends to j ≤ i with i − j &lt; 3 only.</summary>
    [Test]
    public void Keras_test_sliding_window()
    {
        var rng = new Random(0);
        var layer = new MultiHeadAttention(2, 4, slidingWindow: 3);
        var x = SeededTensors.Uniform(rng, [1, 6, 8]);
        layer.Build([null, 6, 8], [null, 6, 8]);
        SeededTensors.FillWeights(layer, rng);

        var scores = layer.Call([x, x], useCausalMask: true, returnAttentionScores: true)[1];

        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                Assert.That(scores.Data[i * 6 + j] > 0f, Is.EqualTo(j <= i && i - j < 3), $"({i}, {j})");
    }

    [Test]
    public void Bad_options_are_refused()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new MultiHeadAttention(0, 2))!.Option, Is.EqualTo("num_heads"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new MultiHeadAttention(2, 0))!.Option, Is.EqualTo("key_dim"));
        var layer = new MultiHeadAttention(2, 2, name: "mha");
        Assert.Throws<NotSupportedYetException>(() => layer.Build([null, 2, 3, 4], [null, 2, 3, 4]));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => layer.Build([null, 2, 4], [null, 3, 4], [null, 5, 4]))!.Message,
            Does.Contain("value and key"));
    }

    const string Json = """
        {"class_name": "Functional", "config": {"name": "functional", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 5, 8], "dtype": "float32", "name": "x"}, "name": "x", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "MultiHeadAttention", "config": {"name": "multi_head_attention", "trainable": true,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
            "num_heads": 2, "key_dim": 4, "value_dim": 4, "dropout": 0.0, "use_bias": true, "use_gate": false, "output_shape": OUTPUT,
            "attention_axes": null, "sliding_window": null,
            "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null},
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
            "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null, "kernel_constraint": null, "bias_constraint": null,
            "seed": null}, "name": "multi_head_attention",
           "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 8], "dtype": "float32", "keras_history": ["x", 0, 0]}}],
                              "kwargs": {"value": {"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 8], "dtype": "float32", "keras_history": ["x", 0, 0]}},
                                         "use_causal_mask": true}}]}],
          "input_layers": [["x", 0, 0]], "output_layers": [["multi_head_attention", 0, 0]]}}
        """;

    [Test]
    public void Loads_from_keras_3_json_with_value_and_call_arguments_by_keyword()
    {
        var model = ModelLoader.FromJson(Json.Replace("OUTPUT", "null"));

        var mha = (MultiHeadAttention)model.Layers.Single(l => l.Name == "multi_head_attention");
        Assert.That((mha.NumHeads, mha.KeyDim, mha.ValueDim, mha.UseCausalMask), Is.EqualTo((2, 4, 4, true)));
        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 5, 8 }));
        Assert.That(model.CountParams(), Is.EqualTo(3 * (8 * 8 + 8) + 8 * 8 + 8));
    }

    [TestCase("[3]", 3)]
    [TestCase("6", 6)]
    public void Output_shape_as_int_or_one_item_list(string json, int expected)
    {
        var model = ModelLoader.FromJson(Json.Replace("OUTPUT", json));
        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 5, expected }));
    }

    [Test]
    public void Several_output_dimensions_are_not_supported_yet()
    {
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(Json.Replace("OUTPUT", "[2, 3]")))!;
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain("'multi_head_attention'"));
    }

    [TestCase("\"use_gate\": false", "\"use_gate\": true", "use_gate")]
    [TestCase("\"attention_axes\": null", "\"attention_axes\": [2]", "attention_axes")]
    [TestCase("\"use_causal_mask\": true", "\"attention_mask\": {\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"x\", 0, 0]}}", "attention_mask")]
    public void Unsupported_options_are_refused_by_name(string from, string to, string option)
    {
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(Json.Replace("OUTPUT", "null").Replace(from, to)))!;
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain(option));
    }
}
