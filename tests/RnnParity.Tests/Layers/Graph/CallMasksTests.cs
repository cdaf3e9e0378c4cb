using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.KerasConfig.GraphJson;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Graph;

/// <summary>
/// Keras 3's mask rule for a call (<c>keras/src/layers/layer.py</c>, <c>Layer.__call__</c> step 6): the input's
/// mask is passed to <c>mask=</c> only when the call has one tensor argument, so
/// <c>Masking → LSTM(initial_state=[h, c])</c> runs over the padded steps; an explicit <c>mask=</c> is honoured;
/// the sequence output still carries the input's mask (<c>previous_mask</c>).
/// </summary>
[TestFixture]
public sealed class CallMasksTests
{
    const int Batch = 2, Steps = 5, Features = 3, Units = 4;

    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    /// <summary>x → Masking → LSTM(4, return_sequences, initial_state=[h, c]), optionally with mask=Any(x != 0, axis=-1).</summary>
    static Model Load(bool explicitMask)
    {
        var lstmKwargs = new JsonObject { ["initial_state"] = new JsonArray(Tensor("h"), Tensor("c")), ["training"] = false };
        var layers = new List<JsonObject> { Input("x", null, Steps, Features), Input("h", null, Units), Input("c", null, Units) };
        if (explicitMask)
        {
            layers.Add(Op("NotEqual", new JsonObject { ["name"] = "not_equal" }, Node(new JsonArray(Tensor("x"), 0.0))));
            layers.Add(Op("Any", new JsonObject { ["name"] = "any", ["axis"] = -1, ["keepdims"] = false }, Node(new JsonArray(Tensor("not_equal", dtype: "bool")))));
            lstmKwargs["mask"] = Tensor("any", dtype: "bool");
        }
        layers.Add(Layer("Masking", new JsonObject { ["name"] = "masking", ["mask_value"] = 0.0 }, Node(new JsonArray(Tensor("x")))));
        layers.Add(Layer("LSTM", new JsonObject { ["name"] = "lstm", ["units"] = Units, ["return_sequences"] = true },
            Node(new JsonArray(Tensor("masking")), lstmKwargs)));
        return ModelLoader.FromJson(Model(layers, ["x", "h", "c"], [("lstm", 0)]));
    }

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return t;
    }

    /// <summary>Weights, a padded batch (row 0 keeps 3 steps, row 1 keeps 4) and initial states, all seeded.</summary>
    static (List<Tensor> Weights, Tensor X, bool[] Mask, Tensor H, Tensor C) Data()
    {
        var rng = new Random(11);
        var weights = new List<Tensor> { Random(rng, Features, 4 * Units), Random(rng, Units, 4 * Units), Random(rng, 4 * Units) };
        Tensor x = Random(rng, Batch, Steps, Features);
        int[] kept = [3, 4];
        var mask = new bool[Batch * Steps];
        for (int b = 0; b < Batch; b++)
            for (int t = 0; t < Steps; t++)
            {
                mask[b * Steps + t] = t < kept[b];
                if (t >= kept[b]) x.Data.AsSpan((b * Steps + t) * Features, Features).Clear();
            }
        return (weights, x, mask, Random(rng, Batch, Units), Random(rng, Batch, Units));
    }

    /// <summary>The same LSTM called directly, with or without the mask: what the two readings of the rule would give.</summary>
    static Tensor Direct(List<Tensor> weights, Tensor x, bool[]? mask, Tensor h, Tensor c)
    {
        var lstm = new LSTM(Units, returnSequences: true);
        lstm.Build([null, Steps, Features], [null, Units], [null, Units]);
        for (int i = 0; i < weights.Count; i++) lstm.Weights[i].Assign(weights[i].Shape, weights[i].Data);
        return lstm.Call([new Tensor(x.Shape, x.Data) { Mask = mask }, h, c])[0];
    }

    static double MaxDifference(Tensor a, Tensor b) => a.Data.Zip(b.Data).Max(p => Math.Abs(p.First - p.Second));

    [Test]
    public void With_initial_state_the_masked_sequence_runs_unmasked_as_in_keras()
    {
        var (weights, x, mask, h, c) = Data();
        var model = Load(explicitMask: false);
        model.SetWeights(weights);

        Tensor y = model.Call([x, h, c])[0];

        Assert.That(y.Data, Is.EqualTo(Direct(weights, x, null, h, c).Data), "Keras passes no mask with two tensor arguments");
        Assert.That(MaxDifference(y, Direct(weights, x, mask, h, c)), Is.GreaterThan(1e-3), "the masked reading must be told apart");
    }

    [Test]
    public void The_unmasked_sequence_output_still_carries_the_input_mask()
    {
        var (weights, x, mask, h, c) = Data();
        var model = Load(explicitMask: false);
        model.SetWeights(weights);

        Tensor y = model.Call([x, h, c])[0];

        Assert.That(y.Mask, Is.EqualTo(mask), "Keras's previous_mask falls back to the first argument's own mask");
    }

    [Test]
    public void An_explicit_mask_argument_is_honoured_with_initial_state()
    {
        var (weights, x, mask, h, c) = Data();
        var model = Load(explicitMask: true);
        model.SetWeights(weights);

        Tensor y = model.Call([x, h, c])[0];

        Assert.That(y.Data, Is.EqualTo(Direct(weights, x, mask, h, c).Data));
        Assert.That(y.Mask, Is.EqualTo(mask));
    }

    [Test]
    public void A_single_tensor_argument_passes_its_mask_on()
    {
        var (weights, x, mask, _, _) = Data();
        KerasTensor input = KerasApi.Input([Steps, Features]);
        var lstm = new LSTM(Units, returnSequences: true);
        var model = new Functional([input], [lstm.Apply(new Masking().Apply(input))]);
        model.SetWeights(weights);

        Tensor y = model.Call([x])[0];

        var zeros = new Tensor(Batch, Units);
        Assert.That(y.Data, Is.EqualTo(Direct(weights, x, mask, zeros, zeros).Data));
    }

    [Test]
    public void The_csharp_api_follows_the_same_rule()
    {
        var (weights, x, mask, h, c) = Data();
        KerasTensor input = KerasApi.Input([Steps, Features]), hIn = KerasApi.Input([Units]), cIn = KerasApi.Input([Units]);
        KerasTensor masked = new Masking().Apply(input);
        var unmasked = new Functional([input, hIn, cIn], [new LSTM(Units, returnSequences: true).ApplyMany(masked, [hIn, cIn], mask: null)[0]]);
        unmasked.SetWeights(weights);

        Assert.That(unmasked.Call([x, h, c])[0].Data, Is.EqualTo(Direct(weights, x, null, h, c).Data));
    }

    /// <summary>Keras's <c>Bidirectional.call</c> hands its own <c>mask</c> (None here) to both copies, with their halves of the states.</summary>
    [Test]
    public void A_bidirectional_layer_given_initial_state_runs_unmasked_too()
    {
        var (_, x, mask, _, _) = Data();
        var rng = new Random(13);
        KerasTensor input = KerasApi.Input([Steps, Features]);
        var states = Enumerable.Range(0, 4).Select(_ => KerasApi.Input([Units])).ToList();
        var layer = new Bidirectional(new LSTM(Units, returnSequences: true));
        var model = new Functional([input, .. states], [layer.ApplyMany([new Masking().Apply(input), .. states])[0]]);
        model.SetWeights(model.GetWeightTensors().Select(w => Random(rng, w.Shape)).ToList());
        var stateValues = Enumerable.Range(0, 4).Select(_ => Random(rng, Batch, Units)).ToList();

        Tensor y = model.Call([x, .. stateValues])[0];

        Tensor Direct(bool[]? m) => layer.Call([new Tensor(x.Shape, x.Data) { Mask = m }, .. stateValues])[0];
        Assert.That(y.Data, Is.EqualTo(Direct(null).Data));
        Assert.That(MaxDifference(y, Direct(mask)), Is.GreaterThan(1e-3));
        Assert.That(y.Mask, Is.EqualTo(mask), "Bidirectional.compute_mask passes the sequence mask on");
    }

    [Test]
    public void The_mask_tensor_is_listed_among_the_inputs_in_keras_order()
    {
        var model = (Functional)Load(explicitMask: true);

        var lstm = model.Layers.Single(l => l.Name == "lstm");

        // tree.flatten((args, kwargs)): positional, then keywords by name: initial_state before mask.
        Assert.That(model.ConnectedTo(lstm), Is.EqualTo(new[] { "masking[0][0]", "h[0][0]", "c[0][0]", "any[0][0]" }));
    }

    [Test]
    public void A_mask_of_the_wrong_shape_is_refused_naming_the_layer()
    {
        var layer = new LSTM(Units, name: "decoder");
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() =>
            CallMasks.ToMask(layer, new Tensor(Batch, Steps + 1), new Tensor(Batch, Steps, Features)))!;
        Assert.That(e.Message, Does.Contain("decoder").And.Contain("mask"));
    }
}
