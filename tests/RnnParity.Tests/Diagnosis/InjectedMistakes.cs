using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.Diagnosis;

/// <summary>
/// Porting mistakes injected into a copy of a case's computation, written here independently of the
/// replays in <c>RnnParity.Diagnosis.Mistakes</c> (from gate names and layouts, not by calling them),
/// so that a test of <c>diff</c> checks the diagnosis rather than the replay against itself.
/// </summary>
public static class InjectedMistakes
{
    public sealed record Injection(string Mistake, string Case, Func<string, IReadOnlyList<IReadOnlyList<Tensor>>> Outputs)
    {
        public override string ToString() => $"{Mistake} in {Case}";
    }

    static readonly string[] KerasLstm = ["i", "f", "c", "o"];
    static readonly string[] OnnxLstm = ["i", "o", "f", "c"];
    static readonly string[] KerasGru = ["z", "r", "h"];
    static readonly string[] TorchGru = ["r", "z", "h"];

    public static IEnumerable<Injection> All()
    {
        // A PyTorch-layout (gates·units, input) buffer read as Keras's (input, gates·units).
        yield return new("kernel-transposed", "keras/lstm_sequences", dir => Run(dir, weights: w => Map(dir, w, "kernel", ReadTransposedLayout)));
        yield return new("recurrent-kernel-transposed", "numpy/numpy_simple_rnn_sequences", dir => Run(dir, weights: w => Map(dir, w, "recurrent_kernel", ReadTransposedLayout)));
        yield return new("state-not-carried", "numpy/numpy_tutorial_example", TutorialLoopAsPrinted);
        yield return new("time-reversed", "keras/lstm_sequences", dir => Run(dir, inputs: x => x.Select(ReverseTime).ToList()));
        yield return new("gate-order", "keras/lstm_sequences", dir => Run(dir, weights: w => MapAll(dir, w, t => Reorder(t, KerasLstm, OnnxLstm))));
        yield return new("gate-order", "keras/gru_reset_after", dir => Run(dir, weights: w => MapAll(dir, w, t => Reorder(t, KerasGru, TorchGru))));
        yield return new("reset-after-mismatch", "keras/gru_reset_after", ResetBeforeWithSummedBias);
        yield return new("gru-bias-rows-swapped", "keras/gru_reset_after", dir => Run(dir, weights: w => Map(dir, w, "bias", SwapRows)));
        yield return new("bias-missing", "numpy/numpy_lstm_sequences", dir => Run(dir, weights: w => Map(dir, w, "bias", b => new Tensor(b.Shape))));
        yield return new("bias-doubled", "numpy/numpy_gru_reset_before", dir => Run(dir, weights: w => Map(dir, w, "bias", b => new Tensor(b.Shape, b.Data.Select(v => v + v).ToArray()))));
    }

    /// <summary>The case's model run on its runs' inputs, with the weights and inputs changed as asked.</summary>
    public static IReadOnlyList<IReadOnlyList<Tensor>> Run(string dir, Func<List<Tensor>, List<Tensor>>? weights = null,
        Func<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>>? inputs = null, Func<JsonNode, JsonNode>? config = null)
    {
        var c = CaseReader.Load(dir);
        var w = c.Weights.Select(x => CaseReader.LoadArray(c, x.File, "").ToTensor()).ToList();
        Keras.ClearSession();
        var json = JsonNode.Parse(File.ReadAllText(c.PathOf(c.ModelFile)))!;
        var model = ModelLoader.FromJson((config?.Invoke(json) ?? json).ToJsonString());
        model.SetWeights(weights?.Invoke(w) ?? w);
        var outputs = new List<IReadOnlyList<Tensor>>();
        foreach (var run in c.Runs)
        {
            if (run.ResetStates) model.ResetStates();
            IReadOnlyList<Tensor> x = run.Inputs.Select(i => CaseReader.LoadArray(c, i.File, "").ToTensor()).ToList();
            outputs.Add(model.Call(inputs?.Invoke(x) ?? x));
        }
        return outputs;
    }

    static List<Tensor> Map(string dir, List<Tensor> weights, string name, Func<Tensor, Tensor> change)
    {
        var c = CaseReader.Load(dir);
        return weights.Select((w, i) => c.Weights[i].Name == name ? change(w) : w).ToList();
    }

    static List<Tensor> MapAll(string dir, List<Tensor> weights, Func<Tensor, Tensor> change) =>
        weights.Select(change).ToList();

    /// <summary>The buffer of a (rows, cols) array taken as (cols, rows) in row-major order, then used transposed.</summary>
    static Tensor ReadTransposedLayout(Tensor w)
    {
        int rows = w.Shape[0], cols = w.Shape[1];
        var asOther = new float[cols, rows];
        Buffer.BlockCopy(w.Data, 0, asOther, 0, w.Data.Length * sizeof(float));
        var used = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                used[r * cols + c] = asOther[c, r];
        return new Tensor([rows, cols], used);
    }

    /// <summary>A Keras-ordered weight read by a port that takes its blocks in <paramref name="portOrder"/>:
    /// the gate the port calls g is Keras's block at the position of g in the port's order.</summary>
    static Tensor Reorder(Tensor w, string[] kerasOrder, string[] portOrder)
    {
        int width = w.Shape[^1], units = width / kerasOrder.Length, rows = w.Length / width;
        var used = new float[w.Length];
        for (int row = 0; row < rows; row++)
            foreach (string gate in kerasOrder)
            {
                int source = Array.IndexOf(portOrder, gate), target = Array.IndexOf(kerasOrder, gate);
                w.Data.AsSpan(row * width + source * units, units).CopyTo(used.AsSpan(row * width + target * units, units));
            }
        return new Tensor((int[])w.Shape.Clone(), used);
    }

    static Tensor SwapRows(Tensor b)
    {
        int w = b.Shape[1];
        return new Tensor((int[])b.Shape.Clone(), [.. b.Data.AsSpan(w, w), .. b.Data.AsSpan(0, w)]);
    }

    static Tensor ReverseTime(Tensor x)
    {
        if (x.Rank < 3) return x;
        int batch = x.Shape[0], steps = x.Shape[1], inner = x.Length / (batch * steps);
        var y = new float[x.Length];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                Array.Copy(x.Data, (b * steps + t) * inner, y, (b * steps + (steps - 1 - t)) * inner, inner);
        return new Tensor((int[])x.Shape.Clone(), y);
    }

    /// <summary>A reset_after=True GRU computed by a port with Keras 2's reset_after=False, adding both bias rows.</summary>
    static IReadOnlyList<IReadOnlyList<Tensor>> ResetBeforeWithSummedBias(string dir) => Run(dir,
        config: json =>
        {
            foreach (var layer in json["config"]!["layers"]!.AsArray())
                if ((string?)layer!["class_name"] == "GRU") layer["config"]!["reset_after"] = false;
            return json;
        },
        weights: w => Map(dir, w, "bias", b =>
        {
            int width = b.Shape[1];
            return new Tensor([width], Enumerable.Range(0, width).Select(k => b.Data[k] + b.Data[width + k]).ToArray());
        }));

    /// <summary>
    /// The tutorial's loop as printed in the notes (<c>hidden_statet_t = output_t</c>: the state stays
    /// zero), in double, for the tutorial case's single SimpleRNN layer with return_sequences.
    /// </summary>
    static IReadOnlyList<IReadOnlyList<Tensor>> TutorialLoopAsPrinted(string dir)
    {
        var c = CaseReader.Load(dir);
        var k = CaseReader.LoadArray(c, c.Weights[0].File, "");
        var b = CaseReader.LoadArray(c, c.Weights[2].File, "");
        var x = CaseReader.LoadArray(c, c.Runs[0].Inputs[0].File, "");
        int batch = x.Shape[0], steps = x.Shape[1], input = x.Shape[2], units = k.Shape[1];
        var y = new float[batch * steps * units];
        for (int n = 0; n < batch; n++)
            for (int t = 0; t < steps; t++)
                for (int u = 0; u < units; u++)
                {
                    double s = b.Data[u];
                    for (int i = 0; i < input; i++) s += x.Data[(n * steps + t) * input + i] * k.Data[i * units + u];
                    // + Wh · hidden_state_t, which the typo leaves at zero
                    y[(n * steps + t) * units + u] = (float)Math.Tanh(s);
                }
        return [[new Tensor([batch, steps, units], y)]];
    }
}
