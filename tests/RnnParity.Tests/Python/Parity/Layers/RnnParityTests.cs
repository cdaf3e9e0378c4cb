using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Recurrent;
using RnnParity.Python;
using RnnParity.Tests.Python;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// <c>RNN(cell)</c> in C# (loaded from its Keras config) against <c>python/numpy_layers/rnn.py</c> on the same
/// seeded weights, inputs and mask; a wrong option must be caught.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class RnnParityTests
{
    const double Tolerance = 1e-5;

    static string Cell(string className, int units, string extra = "") =>
        "{\"class_name\": \"" + className + "\", \"config\": {\"name\": \"" + className.ToLowerInvariant() + "_" + units + "\", \"units\": " + units + extra + "}}";

    static string Layer(string cell, string options) =>
        "{\"class_name\": \"RNN\", \"config\": {\"name\": \"rnn\", \"cell\": " + cell + options + "}}";

    public static IEnumerable<TestCaseData> Cases()
    {
        string stack = "{\"class_name\": \"StackedRNNCells\", \"config\": {\"name\": \"stacked_rnn_cells\", \"cells\": ["
            + Cell("SimpleRNNCell", 3, ", \"activation\": \"relu\"") + ", " + Cell("GRUCell", 2, ", \"reset_after\": false") + ", " + Cell("LSTMCell", 2) + "]}}";
        yield return new TestCaseData(Layer(Cell("SimpleRNNCell", 3), ", \"return_sequences\": true")).SetName("SimpleRNNCell(sequences)");
        yield return new TestCaseData(Layer(Cell("LSTMCell", 3), ", \"go_backwards\": true, \"return_state\": true")).SetName("LSTMCell(backwards, state)");
        yield return new TestCaseData(Layer(Cell("GRUCell", 3), ", \"return_sequences\": true, \"zero_output_for_mask\": true")).SetName("GRUCell(sequences, zero output)");
        yield return new TestCaseData(Layer(stack, ", \"return_sequences\": true, \"return_state\": true")).SetName("Stacked(sequences, state)");
        yield return new TestCaseData(Layer(stack, ", \"go_backwards\": true, \"unroll\": true")).SetName("Stacked(backwards, unroll)");
    }

    static RNN Load(string layerJson)
    {
        RnnParity.Layers.Models.Keras.ClearSession();
        string model = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"input_layer\", \"batch_shape\": [null, 6, 4]}}, "
            + layerJson + "]}}";
        var layer = (RNN)ModelLoader.FromJson(model.Replace("\"return_state\": true", "\"return_state\": false")).Layers[0];
        // A Sequential model refuses several outputs; the same configuration built alone keeps return_state.
        return layerJson.Contains("\"return_state\": true") ? (RNN)layer.CloneWith("rnn", layer.Options with { ReturnState = true }) : layer;
    }

    static Tensor Random(Random rng, params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(rng.NextDouble() - 0.5);
        return t;
    }

    static (IReadOnlyList<Tensor> CSharp, IReadOnlyList<Tensor> Numpy) Run(string csharpJson, string numpyJson)
    {
        PythonEnvironment.RequireNumpy();
        var rnn = Load(csharpJson);
        rnn.Build([null, 6, 4]);
        var rng = new Random(21);
        foreach (var w in rnn.Weights) w.Assign(w.Shape, Random(rng, w.Shape).Data);
        Tensor x = Random(rng, 3, 6, 4);
        var mask = new bool[18];
        for (int i = 0; i < mask.Length; i++) mask[i] = i % 6 < 6 - i / 6;
        var csharp = rnn.Call([new Tensor(x.Shape, x.Data) { Mask = mask }]);
        var maskTensor = new Tensor([3, 6], mask.Select(m => m ? 1f : 0f).ToArray());
        var numpy = new List<Tensor>();
        using (Py.GIL())
        {
            using var inputs = new PyList([NumpyArrays.ToNumpy(x)]);
            using var weights = new PyList(rnn.Weights.Select(w => NumpyArrays.ToNumpy(new Tensor(w.Shape, w.Data))).ToArray());
            string config = System.Text.Json.JsonDocument.Parse(numpyJson).RootElement.GetProperty("config").GetRawText();
            using PyObject result = PythonCall.Invoke("numpy_layers.rnn", "call_json", config, inputs, weights, maskTensor);
            for (int i = 0; i < (int)result.Length(); i++)
            {
                using PyObject item = result[i];
                numpy.Add(NumpyArrays.ToTensor(item));
            }
        }
        return (csharp, numpy);
    }

    [TestCaseSource(nameof(Cases))]
    public void CSharp_matches_numpy(string layerJson)
    {
        var (csharp, numpy) = Run(layerJson, layerJson);

        Assert.That(csharp, Has.Count.EqualTo(numpy.Count));
        for (int k = 0; k < csharp.Count; k++)
        {
            var cmp = ArrayComparison.Compare(numpy[k].Data, numpy[k].Shape, csharp[k].Data, csharp[k].Shape, Tolerance, Tolerance);
            Assert.That(cmp.Passed, Is.True, $"output {k}: {cmp.Describe()}");
        }
    }

    [Test]
    public void A_wrong_direction_is_caught()
    {
        string forward = Layer(Cell("LSTMCell", 3), ", \"return_sequences\": true");
        var (csharp, numpy) = Run(forward, forward.Replace("\"return_sequences\": true", "\"return_sequences\": true, \"go_backwards\": true"));

        var cmp = ArrayComparison.Compare(numpy[0].Data, numpy[0].Shape, csharp[0].Data, csharp[0].Shape, Tolerance, Tolerance);
        Assert.That(cmp.Passed, Is.False);
    }
}
