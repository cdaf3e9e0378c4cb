using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;
using static RnnParity.Tests.KerasConfig.GraphJson;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Models;

/// <summary>
/// Models used as layers: a Sequential inside a Functional model, inside a Sequential, and inside
/// TimeDistributed; loaded from Keras 3 JSON (a <c>Sequential</c> entry among <c>layers</c>) and built with
/// the API. Each nested run must equal running the inner model on its own and feeding the outer layers.
/// </summary>
[TestFixture]
public sealed class NestedModelTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return t;
    }

    static void Randomise(Model model, int seed)
    {
        var rng = new Random(seed);
        model.SetWeights(model.GetWeightTensors().Select(w => Random(rng, w.Shape)).ToList());
    }

    static JsonObject InnerSequential(string name) => new()
    {
        ["module"] = "keras", ["class_name"] = "Sequential", ["registered_name"] = null, ["name"] = name,
        ["config"] = new JsonObject
        {
            ["name"] = name, ["trainable"] = true,
            ["layers"] = new JsonArray(
                new JsonObject { ["module"] = "keras.layers", ["class_name"] = "InputLayer", ["registered_name"] = null,
                    ["config"] = new JsonObject { ["batch_shape"] = new JsonArray(null, 6, 3), ["dtype"] = "float32", ["name"] = name + "_input" } },
                new JsonObject { ["module"] = "keras.layers", ["class_name"] = "GRU", ["registered_name"] = null,
                    ["config"] = new JsonObject { ["name"] = name + "_gru", ["units"] = 4, ["return_sequences"] = true } },
                new JsonObject { ["module"] = "keras.layers", ["class_name"] = "Dense", ["registered_name"] = null,
                    ["config"] = new JsonObject { ["name"] = name + "_dense", ["units"] = 2 } }),
        },
    };

    static Functional LoadOuter()
    {
        var inner = InnerSequential("encoder");
        inner["inbound_nodes"] = new JsonArray(Node(new JsonArray(Tensor("x")), new JsonObject { ["training"] = false, ["mask"] = null }));
        var lstm = Layer("LSTM", new JsonObject { ["name"] = "lstm", ["units"] = 3 }, Node(new JsonArray(Tensor("encoder"))));
        return (Functional)ModelLoader.FromJson(Model([Input("x", null, 6, 3), inner, lstm], ["x"], [("lstm", 0)]));
    }

    [Test]
    public void A_sequential_inside_a_functional_model_loads_runs_and_counts_as_keras()
    {
        var outer = LoadOuter();
        Randomise(outer, 1);
        var inner = ((ModelLayer)outer.Layers[1]).Model;
        var lstm = outer.Layers[2];
        Tensor x = Random(new Random(2), 2, 6, 3);

        Tensor y = outer.Call([x])[0];

        Assert.That(y.Data, Is.EqualTo(lstm.Call(inner.Call([x])[0]).Data));
        Assert.That(outer.Layers.Select(l => $"{l.Name} ({l.ClassName})"), Is.EqualTo(new[] { "x (InputLayer)", "encoder (Sequential)", "lstm (LSTM)" }));
        long gru = 3 * 4 * (3 + 4 + 2), dense = 4 * 2 + 2, lstmParams = 4 * 3 * (2 + 3 + 1);
        Assert.That(outer.Layers[1].CountParams(), Is.EqualTo(gru + dense));
        Assert.That(outer.CountParams(), Is.EqualTo(gru + dense + lstmParams));
        Assert.That(outer.Layers[1].OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 2 }));
        Assert.That(ModelSummary.Text(outer), Does.Contain("encoder (Sequential)"));
    }

    [Test]
    public void Weights_follow_the_outer_order_with_the_inner_models_in_their_place()
    {
        var outer = LoadOuter();

        var paths = outer.WeightPaths().Select(p => p.Path).ToList();

        Assert.That(paths, Is.EqualTo(new[]
        {
            "encoder/encoder_gru/gru_cell/kernel", "encoder/encoder_gru/gru_cell/recurrent_kernel", "encoder/encoder_gru/gru_cell/bias",
            "encoder/encoder_dense/kernel", "encoder/encoder_dense/bias",
            "lstm/lstm_cell/kernel", "lstm/lstm_cell/recurrent_kernel", "lstm/lstm_cell/bias",
        }));
    }

    [Test]
    public void The_mask_flows_through_a_nested_model()
    {
        KerasTensor x = KerasApi.Input([6, 3]);
        var inner = new Sequential([new Masking(), new SimpleRNN(4, returnSequences: true)]);
        var outer = new Functional([x], [new LSTM(2).Apply(inner.AsLayer().Apply(x))]);
        Randomise(outer, 3);
        Tensor data = Random(new Random(4), 1, 6, 3);
        data.Data.AsSpan(4 * 3).Clear();

        Tensor nested = outer.Call([data])[0];
        Tensor innerOut = inner.Call(data);

        Assert.That(innerOut.Mask, Is.EqualTo(new[] { true, true, true, true, false, false }));
        Assert.That(nested.Data, Is.EqualTo(outer.Layers[2].Call(innerOut).Data));
    }

    [Test]
    public void A_model_inside_time_distributed_runs_per_timestep()
    {
        var inner = new Sequential([new InputLayer([null, 3]), new Dense(2, "tanh")]);
        var outer = new Sequential([new InputLayer([null, 5, 3]), new TimeDistributed(inner.AsLayer())]);
        Randomise(outer, 5);
        Tensor x = Random(new Random(6), 2, 5, 3);

        Tensor y = outer.Call(x);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 5, 2 }));
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 5; t++)
            {
                Tensor step = inner.Call(new Tensor([1, 3], x.Data.AsSpan((b * 5 + t) * 3, 3).ToArray()));
                // One row against ten rows: the matrix product may block them differently (last-bit differences).
                Assert.That(y.Data.AsSpan((b * 5 + t) * 2, 2).ToArray(), Is.EqualTo(step.Data).Within(1e-6f), $"({b}, {t})");
            }
    }

    [Test]
    public void A_sequential_inside_a_sequential_takes_its_input_from_the_inner_model()
    {
        var json = new JsonObject
        {
            ["module"] = "keras", ["class_name"] = "Sequential", ["registered_name"] = null,
            ["config"] = new JsonObject { ["name"] = "outer", ["layers"] = new JsonArray(InnerSequential("inner"),
                new JsonObject { ["module"] = "keras.layers", ["class_name"] = "Dense", ["registered_name"] = null, ["config"] = new JsonObject { ["name"] = "head", ["units"] = 1 } }) },
        };

        var model = ModelLoader.FromJson(json.ToJsonString());

        Assert.That(model.InputShapes[0], Is.EqualTo(new int?[] { null, 6, 3 }));
        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 6, 1 }));
    }

    [Test]
    public void A_functional_model_inside_a_functional_model()
    {
        KerasTensor innerInput = KerasApi.Input([6, 3]);
        var inner = new Functional([innerInput], [new GRU(4).Apply(innerInput)], name: "inner");
        KerasTensor x = KerasApi.Input([6, 3]);
        var head = new Dense(1);
        var outer = new Functional([x], [head.Apply(inner.AsLayer().Apply(x))]);
        Randomise(outer, 7);
        Tensor data = Random(new Random(8), 2, 6, 3);

        Tensor y = outer.Call([data])[0];

        Assert.That(outer.Layers[1].ClassName, Is.EqualTo("Functional"));
        Assert.That(outer.Layers[1].Name, Is.EqualTo("inner"));
        Assert.That(y.Data, Is.EqualTo(head.Call(inner.Call(data)).Data));
        Assert.That(ModelSummary.Text(outer), Does.Contain("inner (Functional)"));
    }

    [Test]
    public void The_same_model_is_one_layer()
    {
        var inner = new Sequential([new InputLayer([null, 3]), new Dense(2)]);

        var first = inner.AsLayer();
        Assert.That(inner.AsLayer(), Is.SameAs(first));
    }
}
