using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using AttentionLayer = RnnParity.Layers.Attention.Attention;

namespace RnnParity.Tests.Layers.Attention;

/// <summary>
/// <see cref="AttentionLayer"/> against Keras's own test values (<c>keras/src/layers/attention/attention_test.py</c>)
/// and against the documented formula (scores, value mask − 1e9, softmax, weighted sum, query mask) in double.
/// </summary>
[TestFixture]
public sealed class AttentionTests
{
    [SetUp]
    public void ClearNames() => Keras.ClearSession();

    static Tensor T(int[] shape, params float[] values) => new(shape, values);

    // test_attention_correctness's inputs.
    static readonly Tensor Query = T([1, 2, 2], 1, 0, 0, 1);
    static readonly Tensor Key = T([1, 2, 2], 0, 1, 1, 0);
    static readonly Tensor Value = T([1, 2, 2], 1, 2, 3, 4);

    [Test]
    public void Keras_test_attention_correctness_dot()
    {
        var layer = new AttentionLayer(scoreMode: "dot");
        var r = layer.Call([Query, Value, Key], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Data, Is.EqualTo(new[] { 2.462f, 3.462f, 1.538f, 2.538f }).Within(1e-3f));
        Assert.That(r[1].Data, Is.EqualTo(new[] { 0.269f, 0.731f, 0.731f, 0.269f }).Within(1e-3f));
    }

    [Test]
    public void Keras_test_attention_correctness_concat()
    {
        var layer = new AttentionLayer(scoreMode: "concat");
        layer.Build([1, 2, 2], [1, 2, 2], [1, 2, 2]);
        Array.Fill(layer.Weights.Single().Data, 1f); // concat_score_weight, initializer "ones"
        var r = layer.Call([Query, Value, Key], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Data, Is.EqualTo(new[] { 1.727f, 2.727f, 2.272f, 3.272f }).Within(1e-3f));
        Assert.That(r[1].Data, Is.EqualTo(new[] { 0.636f, 0.363f, 0.363f, 0.636f }).Within(1e-3f));
    }

    [Test]
    public void Keras_test_attention_with_mask()
    {
        var layer = new AttentionLayer();
        var q = T([1, 2, 2], 1, 0, 0, 1);
        q.Mask = [true, false];
        var v = T([1, 2, 2], 1, 1, 1, 1);
        v.Mask = [true, false];

        var r = layer.Call([q, v], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Data, Is.EqualTo(new[] { 1f, 1f, 0f, 0f }).Within(1e-6f));
        Assert.That(r[1].Data, Is.EqualTo(new[] { 1f, 0f, 1f, 0f }).Within(1e-6f));
        Assert.That(r[0].Mask, Is.EqualTo(new[] { true, false }), "the output carries the query mask");
        Assert.That(r[1].Mask, Is.Null, "the scores carry no mask");
    }

    /// <summary>test_attention_basics: use_scale and concat give two scalar weights; dot without scale none.</summary>
    [Test]
    public void Weights_are_scalars_scale_then_concat_score_weight()
    {
        var plain = new AttentionLayer();
        plain.Build([2, 3, 4], [2, 4, 4]);
        var both = new AttentionLayer(useScale: true, scoreMode: "concat");
        both.Build([2, 3, 4], [2, 4, 4]);

        Assert.That(plain.Weights, Is.Empty);
        Assert.That(both.Weights.Select(w => $"{w.Name}{ShapeUtil.Format(w.Shape)}"), Is.EqualTo(new[] { "scale()", "concat_score_weight()" }));
        Assert.That(both.OutputShapes[0], Is.EqualTo(new int?[] { 2, 3, 4 }));
    }

    /// <summary>test_attention_compute_output_shape and test_return_attention_scores_with_symbolic_tensors.</summary>
    [Test]
    public void Output_shapes_follow_query_and_value_scores_follow_the_key()
    {
        var x = Keras.Input([3, 5]);
        var y = Keras.Input([4, 7]);
        var k = Keras.Input([4, 5]);
        var (output, scores) = new AttentionLayer().ApplyWithScores([x, y, k]);

        Assert.That(output.Shape, Is.EqualTo(new int?[] { null, 3, 7 }));
        Assert.That(scores.Shape, Is.EqualTo(new int?[] { null, 3, 4 }));
    }

    /// <summary>test_attention_nd_inputs: leading dimensions are batch dimensions.</summary>
    [Test]
    public void Four_dimensional_inputs_attend_over_the_second_last_axis()
    {
        var rng = new Random(2);
        var q = SeededTensors.Uniform(rng, [2, 8, 6, 4]);
        var v = SeededTensors.Uniform(rng, [2, 8, 6, 4]);
        var r = new AttentionLayer().Call([q, v], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Shape, Is.EqualTo(new[] { 2, 8, 6, 4 }));
        Assert.That(r[1].Shape, Is.EqualTo(new[] { 2, 8, 6, 6 }));
        // The last of the 16 (batch, height) slices, by the formula.
        var expected = Reference([.. q.Data[^24..]], [.. v.Data[^24..]], [.. v.Data[^24..]], 6, 6, 4, 4, s => s, null, null, false);
        Assert.That(r[0].Data[^24..], Is.EqualTo(expected).Within(1e-5));
    }

    /// <summary>
    /// The documented computation in double for one batch item: scores, value mask and causal mask
    /// subtract 1e9, softmax over the value steps, weighted sum of values, query mask zeroes rows.
    /// </summary>
    internal static double[] Reference(float[] q, float[] v, float[] k, int tq, int tv, int dim, int dv,
        Func<(float[] Q, float[] K, int I, int J), double> score, bool[]? qMask, bool[]? vMask, bool causal)
    {
        var output = new double[tq * dv];
        for (int i = 0; i < tq; i++)
        {
            var s = new double[tv];
            for (int j = 0; j < tv; j++)
            {
                s[j] = score((q, k, i, j));
                if ((vMask is not null && !vMask[j]) || (causal && j > i)) s[j] -= 1e9;
            }
            double max = s.Max();
            double[] e = s.Select(z => Math.Exp(z - max)).ToArray();
            double sum = e.Sum();
            for (int j = 0; j < tv; j++)
                for (int d = 0; d < dv; d++) output[i * dv + d] += e[j] / sum * v[j * dv + d];
            if (qMask is not null && !qMask[i]) Array.Clear(output, i * dv, dv);
        }
        return output;
    }

    static double[] Reference(float[] q, float[] v, float[] k, int tq, int tv, int dim, int dv, Func<double, double> scale,
        bool[]? qMask, bool[]? vMask, bool causal) =>
        Reference(q, v, k, tq, tv, dim, dv, a => scale(Enumerable.Range(0, dim).Sum(d => (double)a.Q[a.I * dim + d] * a.K[a.J * dim + d])),
            qMask, vMask, causal);

    [TestCase(false, false, "dot")]
    [TestCase(true, false, "dot")]
    [TestCase(true, true, "dot")]
    [TestCase(false, true, "concat")]
    [TestCase(true, true, "concat")]
    public void Matches_the_formula_in_double_with_masks(bool useScale, bool causal, string scoreMode)
    {
        var rng = new Random(21);
        int tq = 5, tv = 6, dim = 3, dv = 4;
        var q = SeededTensors.Uniform(rng, [2, tq, dim]);
        var v = SeededTensors.Uniform(rng, [2, tv, dv]);
        var k = SeededTensors.Uniform(rng, [2, tv, dim]);
        q.Mask = SeededTensors.PostPadding(tq, 0, 2);
        v.Mask = SeededTensors.PostPadding(tv, 1, 3);
        k.Mask = SeededTensors.PostPadding(tv, 5, 5); // Keras ignores the key's mask
        var layer = new AttentionLayer(useScale, scoreMode);
        layer.Build([null, tq, dim], [null, tv, dv], [null, tv, dim]);
        SeededTensors.FillWeights(layer, rng, 0.5, 1.5);
        float scale = useScale ? layer.Weights[0].Data[0] : 1f;
        float weight = scoreMode == "concat" ? layer.Weights[^1].Data[0] : 1f;

        var r = layer.Call([q, v, k], causal, returnAttentionScores: false);

        for (int b = 0; b < 2; b++)
        {
            float[] Slice(Tensor t, int n) => t.Data[(b * n)..((b + 1) * n)];
            Func<(float[] Q, float[] K, int I, int J), double> score = scoreMode == "dot"
                ? a => scale * Enumerable.Range(0, dim).Sum(d => (double)a.Q[a.I * dim + d] * a.K[a.J * dim + d])
                : a => weight * Enumerable.Range(0, dim).Sum(d => Math.Tanh(scale * ((double)a.Q[a.I * dim + d] + a.K[a.J * dim + d])));
            var expected = Reference(Slice(q, tq * dim), Slice(v, tv * dv), Slice(k, tv * dim), tq, tv, dim, dv, score,
                q.Mask[(b * tq)..((b + 1) * tq)], v.Mask[(b * tv)..((b + 1) * tv)], causal);
            Assert.That(Slice(r[0], tq * dv), Is.EqualTo(expected).Within(2e-6), $"batch {b}");
        }
        Assert.That(r[0].Mask, Is.SameAs(q.Mask));
    }

    [Test]
    public void The_causal_mask_keeps_only_earlier_and_current_steps()
    {
        var rng = new Random(4);
        var x = SeededTensors.Uniform(rng, [1, 4, 3]);
        var r = new AttentionLayer().Call([x, x], useCausalMask: true, returnAttentionScores: true);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.That(r[1].Data[i * 4 + j] == 0f, Is.EqualTo(j > i), $"score ({i}, {j})");
    }

    [Test]
    public void Calling_one_instance_with_other_call_arguments_is_not_supported_yet()
    {
        var x = Keras.Input([3, 4]);
        var layer = new AttentionLayer(name: "att");
        layer.Apply([x, x], useCausalMask: true);

        var e = Assert.Throws<NotSupportedYetException>(() => layer.Apply([x, x]))!;
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain("'att'").And.Contain("use_causal_mask"));
        Assert.That(layer.Apply([x, x], useCausalMask: true).Shape, Is.EqualTo(new int?[] { null, 3, 4 }), "the same arguments again are fine");
    }

    [Test]
    public void Bad_inputs_and_options_are_refused()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new AttentionLayer(scoreMode: "invalid_mode"))!.Option, Is.EqualTo("score_mode"));
        var layer = new AttentionLayer(name: "att");
        Assert.That(Assert.Throws<LayerConfigurationException>(() => layer.Build([[2, 3, 4]]))!.Message, Does.Contain("2 or 3"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => layer.Build([2, 3, 4], [2, 3, 5], [2, 3, 6]))!.Message, Does.Contain("depth"));
    }

    const string FunctionalTemplate = """
        {"class_name": "Functional", "config": {"name": "functional", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5, 4], "dtype": "float32", "name": "q"}, "name": "q", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 6, 4], "dtype": "float32", "name": "v"}, "name": "v", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "Attention", "config": {"name": "attention", "trainable": true,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
            "use_scale": true, "score_mode": "concat", "dropout": 0.1, "seed": null}, "name": "attention",
           "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 4], "dtype": "float32", "keras_history": ["q", 0, 0]}},
                                        {"class_name": "__keras_tensor__", "config": {"shape": [null, 6, 4], "dtype": "float32", "keras_history": ["v", 0, 0]}}]],
                              "kwargs": KWARGS}]}],
          "input_layers": [["q", 0, 0], ["v", 0, 0]], "output_layers": OUTPUTS}}
        """;

    [Test]
    public void Loads_from_keras_3_json_with_its_call_arguments()
    {
        string json = FunctionalTemplate.Replace("KWARGS", """{"use_causal_mask": true, "return_attention_scores": true}""")
            .Replace("OUTPUTS", """[["attention", 0, 0], ["attention", 0, 1]]""");
        var model = ModelLoader.FromJson(json);

        var layer = (AttentionLayer)model.Layers.Single(l => l.Name == "attention");
        Assert.That((layer.UseScale, layer.ScoreMode, layer.UseCausalMask, layer.ReturnAttentionScores), Is.EqualTo((true, "concat", true, true)));
        Assert.That(model.OutputShapes.Select(ShapeUtil.Format), Is.EqualTo(new[] { "(None, 5, 4)", "(None, 5, 6)" }));
        Assert.That(model.CountParams(), Is.EqualTo(2));
    }

    [Test]
    public void Without_call_arguments_the_defaults_apply()
    {
        var model = ModelLoader.FromJson(FunctionalTemplate.Replace("KWARGS", "{}").Replace("OUTPUTS", """[["attention", 0, 0]]"""));
        var layer = (AttentionLayer)model.Layers.Single(l => l.Name == "attention");
        Assert.That((layer.UseCausalMask, layer.ReturnAttentionScores), Is.EqualTo((false, false)));
    }

    [Test]
    public void The_keras_2_causal_option_is_not_supported_yet()
    {
        string json = FunctionalTemplate.Replace("\"seed\": null}", "\"seed\": null, \"causal\": true}").Replace("KWARGS", "{}").Replace("OUTPUTS", """[["attention", 0, 0]]""");
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain("causal").And.Contain("'attention'"));
    }

    [Test]
    public void An_unknown_score_mode_in_json_names_the_layer()
    {
        string json = FunctionalTemplate.Replace("\"concat\"", "\"general\"").Replace("KWARGS", "{}").Replace("OUTPUTS", """[["attention", 0, 0]]""");
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;
        Assert.That(e.Message, Does.Contain("'attention'").And.Contain("score_mode"));
    }
}
