using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Attention;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.Layers.Attention;

/// <summary>
/// <see cref="AdditiveAttention"/> against Keras's own test values (<c>keras/src/layers/attention/additive_attention_test.py</c>)
/// and the documented score <c>Σ_d scale[d]·tanh(q[i,d] + k[j,d])</c> in double.
/// </summary>
[TestFixture]
public sealed class AdditiveAttentionTests
{
    [SetUp]
    public void ClearNames() => Keras.ClearSession();

    static Tensor T(params float[] values) => new([1, 2, 2], values);

    [Test]
    public void Keras_test_attention_correctness()
    {
        var layer = new AdditiveAttention(useScale: false);
        var r = layer.Call([T(1, 0, 0, 1), T(1, 2, 3, 4), T(0, 1, 1, 0)], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Data, Is.EqualTo(new[] { 1.727f, 2.727f, 2.272f, 3.272f }).Within(1e-3f));
        Assert.That(r[1].Data, Is.EqualTo(new[] { 0.636f, 0.363f, 0.363f, 0.636f }).Within(1e-3f));
    }

    [Test]
    public void Keras_test_attention_with_mask()
    {
        var q = T(1, 0, 0, 1);
        q.Mask = [true, false];
        var v = T(1, 1, 1, 1);
        v.Mask = [true, false];
        var r = new AdditiveAttention(useScale: false).Call([q, v], useCausalMask: false, returnAttentionScores: true);

        Assert.That(r[0].Data, Is.EqualTo(new[] { 1f, 1f, 0f, 0f }).Within(1e-6f));
        Assert.That(r[1].Data, Is.EqualTo(new[] { 1f, 0f, 1f, 0f }).Within(1e-6f));
    }

    /// <summary>use_scale defaults to True here: a scale vector of the query's depth.</summary>
    [Test]
    public void The_scale_is_a_vector_of_the_query_depth_by_default()
    {
        var layer = new AdditiveAttention();
        layer.Build([null, 3, 7], [null, 4, 7]);
        Assert.That(layer.Weights.Select(w => $"{w.Name}{ShapeUtil.Format(w.Shape)}"), Is.EqualTo(new[] { "scale(7,)" }));
        Assert.That(layer.TrainableParams, Is.EqualTo(7));
    }

    [Test]
    public void Matches_the_formula_in_double_with_masks()
    {
        var rng = new Random(17);
        int tq = 4, tv = 5, dim = 3, dv = 3; // the value is also the key
        var q = SeededTensors.Uniform(rng, [2, tq, dim]);
        var v = SeededTensors.Uniform(rng, [2, tv, dv]);
        q.Mask = SeededTensors.PostPadding(tq, 1, 0);
        v.Mask = SeededTensors.PostPadding(tv, 0, 2);
        var layer = new AdditiveAttention();
        layer.Build([null, tq, dim], [null, tv, dv]);
        SeededTensors.FillWeights(layer, rng);
        float[] scale = layer.Weights[0].Data;

        var y = layer.Call([q, v])[0];

        for (int b = 0; b < 2; b++)
        {
            float[] qb = q.Data[(b * tq * dim)..((b + 1) * tq * dim)], vb = v.Data[(b * tv * dv)..((b + 1) * tv * dv)];
            var expected = AttentionTests.Reference(qb, vb, vb, tq, tv, dim, dv,
                a => Enumerable.Range(0, dim).Sum(d => scale[d] * Math.Tanh((double)a.Q[a.I * dim + d] + a.K[a.J * dim + d])),
                q.Mask[(b * tq)..((b + 1) * tq)], v.Mask[(b * tv)..((b + 1) * tv)], causal: false);
            Assert.That(y.Data[(b * tq * dv)..((b + 1) * tq * dv)], Is.EqualTo(expected).Within(2e-6), $"batch {b}");
        }
    }

    [Test]
    public void Loads_from_keras_3_json()
    {
        var model = ModelLoader.FromJson("""
            {"class_name": "Functional", "config": {"name": "functional", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 5, 4], "dtype": "float32", "name": "x"}, "name": "x", "inbound_nodes": []},
              {"module": "keras.layers", "class_name": "AdditiveAttention", "config": {"name": "additive_attention", "trainable": true,
                "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
                "use_scale": true, "dropout": 0.0, "seed": null}, "name": "additive_attention",
               "inbound_nodes": [{"args": [[{"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 4], "dtype": "float32", "keras_history": ["x", 0, 0]}},
                                            {"class_name": "__keras_tensor__", "config": {"shape": [null, 5, 4], "dtype": "float32", "keras_history": ["x", 0, 0]}}]],
                                  "kwargs": {}}]}],
              "input_layers": [["x", 0, 0]], "output_layers": [["additive_attention", 0, 0]]}}
            """);

        Assert.That(model.Layers[^1], Is.TypeOf<AdditiveAttention>());
        Assert.That(model.CountParams(), Is.EqualTo(4));
        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 5, 4 }));
    }
}
