using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Attention;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Merging;
using RnnParity.Layers.Models;
using static RnnParity.Tests.KerasConfig.GraphJson;
using AttentionLayer = RnnParity.Layers.Attention.Attention;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Graph;

/// <summary>
/// Lists of masks and per-argument masks as Keras 3.15.1 records them in <c>inbound_nodes</c>
/// (<c>serialize_node</c> in <c>keras/src/models/functional.py</c>: the call's own kwargs, tensors as
/// <c>__keras_tensor__</c>, <c>None</c> as null): <c>attention([q, v], mask=[q_mask, None])</c>,
/// <c>mha(q, v, value_mask=...)</c>, and the masks MultiHeadAttention reads off its two or three
/// tensor arguments. Each model is checked against the layer called directly on tensors carrying the
/// masks Keras's call sees (<c>Attention.call</c> reads <c>mask[0]</c>/<c>mask[1]</c>;
/// <c>MultiHeadAttention.call</c> reads <c>query._keras_mask</c> and the filled <c>value_mask</c>/<c>key_mask</c>).
/// </summary>
[TestFixture]
public sealed class MaskListTests
{
    const int Batch = 2, Tq = 4, Tv = 5, Dim = 3;

    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return t;
    }

    /// <summary>A seeded batch whose row b keeps <paramref name="kept"/>[b] steps, zeros after; and its step mask.</summary>
    static (Tensor X, bool[] Mask) Padded(Random rng, int steps, int[] kept)
    {
        Tensor x = Random(rng, Batch, steps, Dim);
        var mask = new bool[Batch * steps];
        for (int b = 0; b < Batch; b++)
            for (int t = 0; t < steps; t++)
            {
                mask[b * steps + t] = t < kept[b];
                if (t >= kept[b]) x.Data.AsSpan((b * steps + t) * Dim, Dim).Clear();
            }
        return (x, mask);
    }

    static Tensor View(Tensor t, bool[]? mask) => new(t.Shape, t.Data) { Mask = mask };

    /// <summary><c>ops.any(ops.not_equal(x, 0.0), axis=-1)</c>, the mask a user builds by hand, as Keras records it.</summary>
    static IEnumerable<JsonObject> AnyNonZero(string input) =>
    [
        Op("NotEqual", new JsonObject { ["name"] = $"not_equal_{input}" }, Node(new JsonArray(Tensor(input), 0.0))),
        Op("Any", new JsonObject { ["name"] = $"any_{input}", ["axis"] = -1, ["keepdims"] = false },
            Node(new JsonArray(Tensor($"not_equal_{input}", dtype: "bool")))),
    ];

    static JsonObject MaskingOf(string input) =>
        Layer("Masking", new JsonObject { ["name"] = $"masking_{input}", ["mask_value"] = 0.0 }, Node(new JsonArray(Tensor(input))));

    /// <summary>The model of <paramref name="layers"/> without the helpers its last layer does not reach (Keras saves only the graph's layers).</summary>
    static Model Connected(List<JsonObject> layers, string[] inputs, string output)
    {
        var kept = new List<JsonObject>();
        var needed = new HashSet<string> { output };
        for (int i = layers.Count - 1; i >= 0; i--)
        {
            string name = layers[i]["name"]!.GetValue<string>();
            if (!needed.Contains(name) && !inputs.Contains(name)) continue;
            kept.Insert(0, layers[i]);
            foreach (var other in layers)
                if (layers[i]["inbound_nodes"]!.ToJsonString().Contains($"[\"{other["name"]!.GetValue<string>()}\",")) needed.Add(other["name"]!.GetValue<string>());
        }
        return ModelLoader.FromJson(Model(kept, inputs, [(output, 0)]));
    }

    static Model AttentionModel(string query, string value, JsonNode? mask)
    {
        var layers = new List<JsonObject> { Input("q", null, Tq, Dim), Input("v", null, Tv, Dim) };
        layers.AddRange(AnyNonZero("q"));
        layers.AddRange(AnyNonZero("v"));
        layers.Add(MaskingOf("q"));
        layers.Add(MaskingOf("v"));
        var kwargs = new JsonObject();
        if (mask is not null) kwargs["mask"] = mask;
        layers.Add(Layer("Attention", new JsonObject { ["name"] = "attention", ["use_scale"] = false, ["score_mode"] = "dot", ["dropout"] = 0.0 },
            Node(new JsonArray(new JsonArray(Tensor(query), Tensor(value))), kwargs)));
        return Connected(layers, ["q", "v"], "attention");
    }

    static (Tensor Q, bool[] QMask, Tensor V, bool[] VMask) AttentionData()
    {
        var rng = new Random(5);
        var (q, qMask) = Padded(rng, Tq, [2, 4]);
        var (v, vMask) = Padded(rng, Tv, [3, 5]);
        return (q, qMask, v, vMask);
    }

    static Tensor DirectAttention(Tensor q, bool[]? qMask, Tensor v, bool[]? vMask) =>
        new AttentionLayer().Call([View(q, qMask), View(v, vMask)], useCausalMask: false, returnAttentionScores: false)[0];

    [Test]
    public void Attention_reads_a_list_of_query_and_value_masks()
    {
        var (q, qMask, v, vMask) = AttentionData();
        var model = AttentionModel("q", "v", new JsonArray(Tensor("any_q", dtype: "bool"), Tensor("any_v", dtype: "bool")));

        Tensor y = model.Call([q, v])[0];

        Assert.That(y.Data, Is.EqualTo(DirectAttention(q, qMask, v, vMask).Data));
        Assert.That(y.Mask, Is.EqualTo(qMask), "Attention.compute_mask gives mask[0]");
        Assert.That(y.Data, Is.Not.EqualTo(DirectAttention(q, null, v, null).Data), "the masks must change the result");
    }

    [Test]
    public void A_null_entry_means_no_mask_even_where_the_tensor_carries_one()
    {
        var (q, _, v, vMask) = AttentionData();
        var model = AttentionModel("masking_q", "masking_v", new JsonArray(null, Tensor("any_v", dtype: "bool")));

        Tensor y = model.Call([q, v])[0];

        Assert.That(y.Data, Is.EqualTo(DirectAttention(q, null, v, vMask).Data), "the query's own mask is not used: mask[0] is None");
        Assert.That(y.Mask, Is.Null, "compute_mask(inputs, [None, v_mask]) is None");
    }

    [Test]
    public void A_list_of_null_masks_runs_unmasked_over_masked_tensors()
    {
        var (q, qMask, v, vMask) = AttentionData();
        var masked = AttentionModel("masking_q", "masking_v", null).Call([q, v])[0];
        var nulls = AttentionModel("masking_q", "masking_v", new JsonArray(null, null)).Call([q, v])[0];

        Assert.That(masked.Data, Is.EqualTo(DirectAttention(q, qMask, v, vMask).Data), "without mask= the list argument's own masks are used");
        Assert.That(nulls.Data, Is.EqualTo(DirectAttention(q, null, v, null).Data), "mask=[None, None] is given, so nothing is filled in");
    }

    [Test]
    public void Attention_refuses_one_mask_tensor_and_lists_of_other_lengths()
    {
        var one = Assert.Throws<KerasConfigException>(() => AttentionModel("q", "v", Tensor("any_q", dtype: "bool")))!;
        Assert.That(one.Message, Does.Contain("Attention 'attention'").And.Contain("'mask'").And.Contain("must be a list"));
        var four = Assert.Throws<KerasConfigException>(() => AttentionModel("q", "v",
            new JsonArray(Tensor("any_q", dtype: "bool"), null, null, null)))!;
        Assert.That(four.Message, Does.Contain("'mask'").And.Contain("2 or 3"));
    }

    [Test]
    public void A_list_of_masks_for_a_layer_taking_one_is_not_supported_yet()
    {
        var layers = new List<JsonObject> { Input("x", null, Tv, Dim) };
        layers.AddRange(AnyNonZero("x"));
        layers.Add(Layer("LSTM", new JsonObject { ["name"] = "lstm", ["units"] = 2 },
            Node(new JsonArray(Tensor("x")), new JsonObject { ["mask"] = new JsonArray(Tensor("any_x", dtype: "bool")) })));
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(Model(layers, ["x"], [("lstm", 0)])))!;
        Assert.That(e.Message, Does.Contain("LSTM 'lstm'").And.Contain("list of masks").And.Contain("not supported yet"));
    }

    [Test]
    public void The_csharp_api_takes_the_same_list()
    {
        var (q, qMask, v, vMask) = AttentionData();
        KerasTensor qIn = KerasApi.Input([Tq, Dim]), vIn = KerasApi.Input([Tv, Dim]);
        KerasTensor vMasked = new Masking().Apply(vIn);
        var model = new Functional([qIn, vIn], [new AttentionLayer().Apply([new Masking().Apply(qIn), vMasked], mask: [null, null])]);

        Assert.That(model.Call([q, v])[0].Data, Is.EqualTo(DirectAttention(q, null, v, null).Data));
        Assert.That(DirectAttention(q, qMask, v, vMask).Data, Is.Not.EqualTo(DirectAttention(q, null, v, null).Data));
    }

    // ---------------------------------------------------------------- MultiHeadAttention

    const int Heads = 2, KeyDim = 2;

    static Model MhaModel(JsonArray args, JsonObject kwargs, bool maskInputs)
    {
        var layers = new List<JsonObject> { Input("q", null, Tq, Dim), Input("v", null, Tv, Dim) };
        layers.AddRange(AnyNonZero("q"));
        layers.AddRange(AnyNonZero("v"));
        if (maskInputs) { layers.Add(MaskingOf("q")); layers.Add(MaskingOf("v")); }
        layers.Add(Layer("MultiHeadAttention", new JsonObject { ["name"] = "mha", ["num_heads"] = Heads, ["key_dim"] = KeyDim }, Node(args, kwargs)));
        return Connected(layers, ["q", "v"], "mha");
    }

    static List<Tensor> MhaWeights(Model model)
    {
        var rng = new Random(9);
        return model.Weights.Select(w => Random(rng, w.Shape)).ToList();
    }

    static Tensor DirectMha(List<Tensor> weights, Tensor q, bool[]? qMask, Tensor v, bool[]? vMask)
    {
        var mha = new MultiHeadAttention(Heads, KeyDim);
        mha.Build([null, Tq, Dim], [null, Tv, Dim]);
        for (int i = 0; i < weights.Count; i++) mha.Weights[i].Assign(weights[i].Shape, weights[i].Data);
        return mha.Call([View(q, qMask), View(v, vMask)], useCausalMask: false, returnAttentionScores: false)[0];
    }

    [Test]
    public void MultiHeadAttention_with_two_tensor_arguments_reads_their_own_masks()
    {
        var (q, qMask, v, vMask) = AttentionData();
        var model = MhaModel(new JsonArray(Tensor("masking_q"), Tensor("masking_v")), new JsonObject(), maskInputs: true);
        var weights = MhaWeights(model);
        model.SetWeights(weights);

        Tensor y = model.Call([q, v])[0];

        Assert.That(y.Data, Is.EqualTo(DirectMha(weights, q, qMask, v, vMask).Data), "Keras fills value_mask from the value and reads the query's mask");
        Assert.That(y.Mask, Is.EqualTo(qMask), "the output carries the query's mask");
        Assert.That(y.Data, Is.Not.EqualTo(DirectMha(weights, q, null, v, null).Data));
    }

    [Test]
    public void An_explicit_value_mask_is_used_and_an_explicit_query_mask_is_ignored()
    {
        var (q, _, v, vMask) = AttentionData();
        var kwargs = new JsonObject { ["query_mask"] = Tensor("any_q", dtype: "bool"), ["value_mask"] = Tensor("any_v", dtype: "bool") };
        var model = MhaModel(new JsonArray(Tensor("q")), new JsonObject(kwargs.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, p.Value!.DeepClone())))
        {
            ["value"] = Tensor("v"),
        }, maskInputs: false);
        var weights = MhaWeights(model);
        model.SetWeights(weights);

        Tensor y = model.Call([q, v])[0];

        Assert.That(y.Data, Is.EqualTo(DirectMha(weights, q, null, v, vMask).Data), "Keras 3.15.1 replaces query_mask by query._keras_mask (none here)");
        Assert.That(y.Mask, Is.Null);
    }

    [Test]
    public void A_mask_argument_for_multi_head_attention_is_refused_by_name()
    {
        var e = Assert.Throws<KerasConfigException>(() => MhaModel(new JsonArray(Tensor("q"), Tensor("v")),
            new JsonObject { ["mask"] = Tensor("any_q", dtype: "bool") }, maskInputs: false))!;
        Assert.That(e.Message, Does.Contain("'mha'").And.Contain("'mask'").And.Contain("not supported yet"));
    }

    /// <summary>
    /// x → Masking → m; a = mha(m, m); Add([m, a]). Keras 3.15.1's call deletes m's mask once read, so
    /// the residual Add sees m unmasked and a with the query's mask: its values are m + a
    /// (<c>Add._merge_function</c> reads no mask) and <c>Merge.compute_mask</c> gives no output mask,
    /// since one input has none (with the mask kept it would be the query's).
    /// </summary>
    [Test]
    public void A_tensor_read_after_multi_head_attention_has_lost_its_mask()
    {
        var (q, qMask, _, _) = AttentionData();
        KerasTensor x = KerasApi.Input([Tq, Dim]);
        KerasTensor masked = new Masking().Apply(x);
        var mha = new MultiHeadAttention(Heads, KeyDim, outputShape: Dim);
        KerasTensor attended = mha.Apply([masked, masked]);
        var model = new Functional([x], [new Add().ApplyMany([masked, attended])[0], attended]);
        var rng = new Random(4);
        var weights = model.Weights.Select(w => Random(rng, w.Shape)).ToList();
        model.SetWeights(weights);

        var outputs = model.Call([q]);

        var direct = new MultiHeadAttention(Heads, KeyDim, outputShape: Dim);
        direct.Build([null, Tq, Dim], [null, Tq, Dim]);
        for (int i = 0; i < weights.Count; i++) direct.Weights[i].Assign(weights[i].Shape, weights[i].Data);
        Tensor a = direct.Call([View(q, qMask), View(q, qMask)], useCausalMask: false, returnAttentionScores: false)[0];
        Assert.That(outputs[1].Data, Is.EqualTo(a.Data), "the attention itself is masked");
        var expected = new float[q.Length];
        for (int i = 0; i < expected.Length; i++)
            expected[i] = q.Data[i] + a.Data[i];
        Assert.That(outputs[0].Data, Is.EqualTo(expected).Within(1e-6f));
        Assert.That(outputs[0].Mask, Is.Null, "one input without a mask: Keras's merge sets none");
        Assert.That(q.Mask, Is.Null, "the caller's tensor is not touched");
    }

    // ---------------------------------------------------------------- a model used as a layer

    [Test]
    public void A_nested_model_keeps_an_inputs_own_mask_where_the_entry_is_null()
    {
        var (q, qMask, _, _) = AttentionData();
        var rng = new Random(3);
        var (other, otherMask) = Padded(rng, Tq, [1, 3]);
        var explicitMask = new Tensor([Batch, Tq], otherMask.Select(m => m ? 1f : 0f).ToArray());
        KerasTensor a = KerasApi.Input([Tq, Dim]), b = KerasApi.Input([Tq, Dim]);
        var inner = new Functional([a, b], new Add().ApplyMany([a, b])).AsLayer();

        var y = CallMasks.Invoke(inner, [View(q, qMask), View(other, null)], [null, explicitMask], tensorArguments: 1)[0];

        var expected = qMask.Zip(otherMask, (x, z) => x || z).ToArray();
        Assert.That(y.Mask, Is.EqualTo(expected), "Add ORs the first input's own mask with the given second one");
    }
}
