using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// Keras's generic <c>RNN(cell)</c>. Keras's <c>SimpleRNN</c>, <c>LSTM</c> and <c>GRU</c> are this layer with their
/// cell (<c>keras/src/layers/rnn/lstm.py</c>: <c>class LSTM(RNN)</c> passes <c>LSTMCell</c> to <c>RNN.__init__</c>), so
/// with the same weights <c>RNN(LSTMCell(u))</c> must give what <c>LSTM(u)</c> gives, for every option of the loop;
/// Keras's own <c>simple_rnn_test.py</c> values hold for <c>RNN(SimpleRNNCell(4))</c>.
/// </summary>
[TestFixture]
public sealed class RnnCellLayerTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [Test]
    public void Simple_rnn_cell_matches_kerass_simple_rnn_test_values()
    {
        var layer = Build(new RNN(new SimpleRNNCell(4)), 3, 4);

        AssertAllClose(layer.Call(Arange(2, 3, 4)), new[,] { { 0.405432, 0.405432, 0.405432, 0.405432 }, { 0.73605347, 0.73605347, 0.73605347, 0.73605347 } });
    }

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() - 0.5);
        return t;
    }

    static void CopyWeights(RecurrentLayer from, RecurrentLayer to)
    {
        for (int i = 0; i < from.Weights.Count; i++) to.Weights[i].Assign(from.Weights[i].Shape, from.Weights[i].Data);
    }

    public static IEnumerable<TestCaseData> Pairs()
    {
        var options = new[]
        {
            new RecurrentOptions(),
            new RecurrentOptions { ReturnSequences = true, GoBackwards = true },
            new RecurrentOptions { ReturnSequences = true, ReturnState = true, ZeroOutputForMask = true },
        };
        foreach (var o in options)
        {
            string label = $"seq={o.ReturnSequences}, back={o.GoBackwards}, state={o.ReturnState}";
            yield return new TestCaseData((Func<RecurrentOptions, RecurrentLayer>)(p => new RNN(new SimpleRNNCell(3, "relu"), p)),
                (Func<RecurrentOptions, RecurrentLayer>)(p => new SimpleRNN(3, "relu", true, p)), o).SetName($"SimpleRNNCell({label})");
            yield return new TestCaseData((Func<RecurrentOptions, RecurrentLayer>)(p => new RNN(new LSTMCell(3), p)),
                (Func<RecurrentOptions, RecurrentLayer>)(p => new LSTM(3, "tanh", "sigmoid", true, p)), o).SetName($"LSTMCell({label})");
            yield return new TestCaseData((Func<RecurrentOptions, RecurrentLayer>)(p => new RNN(new GRUCell(3, resetAfter: false), p)),
                (Func<RecurrentOptions, RecurrentLayer>)(p => new GRU(3, "tanh", "sigmoid", true, false, p)), o).SetName($"GRUCell({label})");
        }
    }

    [TestCaseSource(nameof(Pairs))]
    public void Computes_what_the_dedicated_layer_computes(Func<RecurrentOptions, RecurrentLayer> generic, Func<RecurrentOptions, RecurrentLayer> dedicated, RecurrentOptions options)
    {
        var rng = new Random(3);
        RecurrentLayer a = generic(options), b = dedicated(options);
        a.Build([null, 5, 2]);
        b.Build([null, 5, 2]);
        foreach (var w in b.Weights) w.Assign(w.Shape, Random(rng, w.Shape).Data);
        CopyWeights(b, a);
        Tensor x = Random(rng, 2, 5, 2);
        var mask = new bool[] { true, true, true, false, false, true, true, true, true, true };

        var ya = a.Call([new Tensor(x.Shape, x.Data) { Mask = mask }]);
        var yb = b.Call([new Tensor(x.Shape, x.Data) { Mask = mask }]);

        Assert.That(ya.Select(t => t.Shape), Is.EqualTo(yb.Select(t => t.Shape)));
        for (int k = 0; k < ya.Count; k++) Assert.That(ya[k].Data, Is.EqualTo(yb[k].Data), $"output {k}");
        Assert.That(a.ComputeOutputShapes([[null, 5, 2]]).Select(ShapeUtil.Format), Is.EqualTo(b.ComputeOutputShapes([[null, 5, 2]]).Select(ShapeUtil.Format)));
    }

    [Test]
    public void Weight_paths_carry_the_cells_own_name()
    {
        var layer = new RNN(new LSTMCell(2, name: "my_cell"), name: "rnn");
        layer.Build([null, 4, 3]);

        Assert.That(layer.WeightPaths().Select(p => p.Path), Is.EqualTo(new[] { "rnn/my_cell/kernel", "rnn/my_cell/recurrent_kernel", "rnn/my_cell/bias" }));
        Assert.That(new RNN(new GRUCell(2)).RnnCell.Name, Is.EqualTo("gru_cell"), "cells are named as Keras names them");
    }

    static JsonObject RnnJson(JsonObject cell, bool returnState = false) => new()
    {
        ["module"] = "keras.layers", ["class_name"] = "RNN", ["registered_name"] = null,
        ["config"] = new JsonObject
        {
            ["name"] = "rnn", ["trainable"] = true, ["return_sequences"] = false, ["return_state"] = returnState, ["go_backwards"] = false,
            ["stateful"] = false, ["unroll"] = false, ["zero_output_for_mask"] = false, ["cell"] = cell,
        },
    };

    static JsonObject CellJson(string className, JsonObject config) => new()
    {
        ["module"] = "keras.layers", ["class_name"] = className, ["registered_name"] = null, ["config"] = config,
    };

    static string SequentialJson(JsonObject layer) => new JsonObject
    {
        ["module"] = "keras", ["class_name"] = "Sequential", ["registered_name"] = null,
        ["config"] = new JsonObject
        {
            ["name"] = "sequential",
            ["layers"] = new JsonArray(
                new JsonObject { ["module"] = "keras.layers", ["class_name"] = "InputLayer", ["registered_name"] = null,
                    ["config"] = new JsonObject { ["batch_shape"] = new JsonArray(null, 6, 3), ["dtype"] = "float32", ["name"] = "input_layer" } },
                layer),
        },
    }.ToJsonString();

    [Test]
    public void Loads_from_keras_3_config_with_its_summary_row()
    {
        var cell = CellJson("LSTMCell", new JsonObject
        {
            ["name"] = "lstm_cell", ["trainable"] = true, ["units"] = 5, ["activation"] = "tanh", ["recurrent_activation"] = "sigmoid",
            ["use_bias"] = true, ["unit_forget_bias"] = true, ["dropout"] = 0.0, ["recurrent_dropout"] = 0.0, ["seed"] = null,
        });

        var model = ModelLoader.FromJson(SequentialJson(RnnJson(cell)));

        var rnn = (RNN)model.Layers.Single();
        Assert.That(rnn.ClassName, Is.EqualTo("RNN"));
        Assert.That(rnn.RnnCell, Is.InstanceOf<LSTMCell>());
        Assert.That(model.CountParams(), Is.EqualTo(4 * 5 * (3 + 5 + 1)), "4·units·(input_dim + units + 1)");
        Assert.That(ModelSummary.Text(model), Does.Contain("rnn (RNN)").And.Contain("(None, 5)"));
    }

    [Test]
    public void Return_state_gives_every_state_of_the_cell()
    {
        var layer = new RNN(new LSTMCell(2), returnState: true);

        Assert.That(layer.ComputeOutputShapes([[null, 4, 3]]).Select(ShapeUtil.Format), Is.EqualTo(new[] { "(None, 2)", "(None, 2)", "(None, 2)" }), "output, h, c");
    }

    [Test]
    public void A_sequential_model_refuses_return_state_as_keras_does()
    {
        var cell = CellJson("LSTMCell", new JsonObject { ["name"] = "lstm_cell", ["units"] = 2 });

        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(SequentialJson(RnnJson(cell, returnState: true))))!;

        Assert.That(e.Message, Does.Contain("single output").And.Contain("has 3"));
    }

    [Test]
    public void An_unknown_cell_is_refused_naming_it()
    {
        var cell = CellJson("PeepholeLSTMCell", new JsonObject { ["name"] = "peephole", ["units"] = 2 });

        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(SequentialJson(RnnJson(cell))))!;

        Assert.That(e.Message, Does.Contain("PeepholeLSTMCell").And.Contain("not supported yet").And.Contain("RNN 'rnn'"));
    }

    [Test]
    public void A_cell_activation_that_is_unknown_is_refused_naming_the_cell()
    {
        var cell = CellJson("SimpleRNNCell", new JsonObject { ["name"] = "cell_x", ["units"] = 2, ["activation"] = "no_such_activation" });

        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(SequentialJson(RnnJson(cell))))!;

        Assert.That(e.Message, Does.Contain("cell_x").And.Contain("activation"));
    }
}
