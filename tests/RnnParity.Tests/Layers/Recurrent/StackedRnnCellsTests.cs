using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// <c>RNN(StackedRNNCells([SimpleRNNCell(3), LSTMCell(2)]))</c>. Within one step each cell reads the previous
/// cell's new h (<c>stacked_rnn_cells.py</c>, <c>call</c>), and a masked step keeps every state and repeats the last
/// cell's h (numpy backend <c>rnn</c>: <c>output_tm1 = states[-1][0]</c> for nested states); so the stack computes
/// what <c>SimpleRNN(3, return_sequences=True)</c> followed by <c>LSTM(2)</c> computes with the same weights and mask,
/// which is what these tests compare against.
/// </summary>
[TestFixture]
public sealed class StackedRnnCellsTests
{
    const int Batch = 2, Steps = 5, Features = 3;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() - 0.5);
        return t;
    }

    static (RNN Stack, SimpleRNN First, LSTM Second) Layers(RecurrentOptions options)
    {
        var stack = new RNN(new StackedRNNCells([new SimpleRNNCell(3), new LSTMCell(2)]), options);
        var first = new SimpleRNN(3, "tanh", true, options with { ReturnSequences = true, ReturnState = false });
        var second = new LSTM(2, "tanh", "sigmoid", true, options with { GoBackwards = false });
        stack.Build([null, Steps, Features]);
        first.Build([null, Steps, Features]);
        second.Build([null, Steps, 3]);
        var rng = new Random(9);
        var weights = first.Weights.Concat(second.Weights).ToList();
        foreach (var w in weights) w.Assign(w.Shape, Random(rng, w.Shape).Data);
        for (int i = 0; i < weights.Count; i++) stack.Weights[i].Assign(weights[i].Shape, weights[i].Data);
        return (stack, first, second);
    }

    static readonly bool[] Mask = [true, true, true, false, false, true, false, true, true, true];

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public void Computes_what_two_stacked_layers_compute(bool returnSequences, bool masked)
    {
        var options = new RecurrentOptions { ReturnSequences = returnSequences, ReturnState = true };
        var (stack, first, second) = Layers(options);
        Tensor x = Random(new Random(10), Batch, Steps, Features);
        bool[]? mask = masked ? Mask : null;

        var y = stack.Call([new Tensor(x.Shape, x.Data) { Mask = mask }]);
        var expected = second.Call([first.Call([new Tensor(x.Shape, x.Data) { Mask = mask }])[0]]);

        Assert.That(y, Has.Count.EqualTo(4), "output, then h₁, h₂, c₂");
        Assert.That(y[0].Data, Is.EqualTo(expected[0].Data), "output");
        Assert.That(y[2].Data, Is.EqualTo(expected[1].Data), "h₂");
        Assert.That(y[3].Data, Is.EqualTo(expected[2].Data), "c₂");
        Assert.That(y[1].Shape, Is.EqualTo(new[] { Batch, 3 }), "h₁ is the first cell's width");
    }

    [Test]
    public void Go_backwards_runs_the_whole_stack_from_the_last_step()
    {
        var (stack, first, second) = Layers(new RecurrentOptions { GoBackwards = true });
        Tensor x = Random(new Random(11), Batch, Steps, Features);

        Tensor y = stack.Call(x);

        // The first layer's sequence output is in processing order, so the second runs forward over it.
        Assert.That(y.Data, Is.EqualTo(second.Call(first.Call(x)).Data));
    }

    [Test]
    public void Output_shapes_list_every_state_with_its_width()
    {
        var (stack, _, _) = Layers(new RecurrentOptions { ReturnState = true });

        Assert.That(stack.ComputeOutputShapes([[null, Steps, Features]]).Select(ShapeUtil.Format),
            Is.EqualTo(new[] { "(None, 2)", "(None, 3)", "(None, 2)", "(None, 2)" }));
        Assert.That(stack.CountParams(), Is.EqualTo(3 * (3 + 3 + 1) + 4 * 2 * (3 + 2 + 1)));
    }

    [Test]
    public void Weight_paths_nest_the_cells_names()
    {
        var (stack, _, _) = Layers(new RecurrentOptions());

        Assert.That(stack.WeightPaths().Select(p => p.Path), Is.EqualTo(new[]
        {
            "rnn/stacked_rnn_cells/simple_rnn_cell/kernel", "rnn/stacked_rnn_cells/simple_rnn_cell/recurrent_kernel", "rnn/stacked_rnn_cells/simple_rnn_cell/bias",
            "rnn/stacked_rnn_cells/lstm_cell/kernel", "rnn/stacked_rnn_cells/lstm_cell/recurrent_kernel", "rnn/stacked_rnn_cells/lstm_cell/bias",
        }));
    }

    [Test]
    public void Initial_states_are_given_per_cell_in_order()
    {
        var (stack, first, second) = Layers(new RecurrentOptions());
        var rng = new Random(12);
        Tensor x = Random(rng, Batch, Steps, Features), h1 = Random(rng, Batch, 3), h2 = Random(rng, Batch, 2), c2 = Random(rng, Batch, 2);

        Tensor y = stack.Call([x, h1, h2, c2])[0];

        Assert.That(y.Data, Is.EqualTo(second.Call([first.Call([x, h1])[0], h2, c2])[0].Data));
    }

    [Test]
    public void Loads_from_keras_3_config()
    {
        static JsonObject Cell(string className, string name, int units) => new()
        {
            ["module"] = "keras.layers", ["class_name"] = className, ["registered_name"] = null,
            ["config"] = new JsonObject { ["name"] = name, ["units"] = units },
        };
        var json = new JsonObject
        {
            ["module"] = "keras", ["class_name"] = "Sequential", ["registered_name"] = null,
            ["config"] = new JsonObject
            {
                ["name"] = "sequential",
                ["layers"] = new JsonArray(
                    new JsonObject { ["module"] = "keras.layers", ["class_name"] = "InputLayer", ["registered_name"] = null,
                        ["config"] = new JsonObject { ["batch_shape"] = new JsonArray(null, Steps, Features), ["name"] = "input_layer" } },
                    new JsonObject { ["module"] = "keras.layers", ["class_name"] = "RNN", ["registered_name"] = null,
                        ["config"] = new JsonObject { ["name"] = "rnn", ["cell"] = new JsonObject
                        {
                            ["module"] = "keras.layers", ["class_name"] = "StackedRNNCells", ["registered_name"] = null,
                            ["config"] = new JsonObject { ["name"] = "stacked_rnn_cells", ["cells"] = new JsonArray(Cell("SimpleRNNCell", "simple_rnn_cell", 3), Cell("GRUCell", "gru_cell", 2)) },
                        } } }),
            },
        };

        var model = RnnParity.KerasConfig.ModelLoader.FromJson(json.ToJsonString());

        var rnn = (RNN)model.Layers.Single();
        Assert.That(((StackedRNNCells)rnn.RnnCell).Cells.Select(c => c.ClassName), Is.EqualTo(new[] { "SimpleRNNCell", "GRUCell" }));
        Assert.That(model.OutputShapes[0], Is.EqualTo(new int?[] { null, 2 }));
        Assert.That(model.CountParams(), Is.EqualTo(3 * (3 + 3 + 1) + 3 * 2 * (3 + 2 + 2)), "GRU reset_after: bias (2, 3·units)");
    }
}
