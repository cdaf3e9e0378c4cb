using System.Text.Json.Nodes;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.Layers.Attention;

/// <summary>
/// The shared Keras case <c>model_gru_self_attention</c> (GRU → Attention([x, x]) → GlobalAveragePooling1D →
/// Dense softmax), checked through the Attention layer: the model is loaded from Keras's own
/// <c>model.json</c> cut after the attention layer, runs in C#, and the two layers after it are applied
/// by their documented formulas (mean over time, then softmax(x·W + b)) in double; the result must
/// equal Keras's output within the case's tolerance.
/// </summary>
[TestFixture]
public sealed class GruSelfAttentionCaseTests
{
    const string CaseName = "model_gru_self_attention";

    static (FixtureCase Case, Model Model) LoadUpToAttention()
    {
        string dir = Path.Combine(RepoPaths.KerasModels, CaseName);
        if (!File.Exists(Path.Combine(dir, "case.json"))) Assert.Inconclusive($"the shared case {dir} is absent");
        Keras.ClearSession();
        var c = CaseReader.Load(dir);
        var json = JsonNode.Parse(File.ReadAllText(c.PathOf(c.ModelFile)))!;
        var config = json["config"]!;
        var layers = config["layers"]!.AsArray();
        while (layers[^1]!["config"]!["name"]!.GetValue<string>() != "attention") layers.RemoveAt(layers.Count - 1);
        config["output_layers"] = JsonNode.Parse("""[["attention", 0, 0]]""");
        return (c, ModelLoader.FromJson(json.ToJsonString()));
    }

    /// <summary>The attention layer's row of the summary (name, shape, params, "Connected to") is Keras's text.</summary>
    [Test]
    public void The_attention_summary_row_is_keras_s()
    {
        var (c, model) = LoadUpToAttention();
        var lines = new List<string>();
        model.Summary(lineLength: c.Expected.SummaryLineLength, printFn: lines.Add);
        string Row(IEnumerable<string> text) => text.SelectMany(t => t.Split('\n')).Single(l => l.StartsWith("│ attention (Attention)", StringComparison.Ordinal));

        Assert.That(Row(lines), Is.EqualTo(Row(File.ReadAllLines(c.PathOf(c.Expected.Summary!)))));
    }

    [Test]
    public void The_attention_output_reproduces_keras()
    {
        var (c, model) = LoadUpToAttention();
        var weights = c.Weights.ToDictionary(w => w.Path, w => NpyReader.Read(c.PathOf(w.File)).ToTensor());
        model.SetWeights(c.Weights.Where(w => w.Layer == "gru").Select(w => weights[w.Path]).ToList());
        var run = c.Runs[0];
        var attention = model.Call(NpyReader.Read(c.PathOf(run.Inputs[0].File)).ToTensor());
        var expected = NpyReader.Read(c.PathOf(run.Outputs[0].File));

        float[] kernel = weights["dense/kernel"].Data, bias = weights["dense/bias"].Data;
        int batch = attention.Shape[0], steps = attention.Shape[1], features = attention.Shape[2], classes = bias.Length;
        Assert.That(expected.Shape, Is.EqualTo(new[] { batch, classes }));
        for (int b = 0; b < batch; b++)
        {
            var pooled = new double[features];
            for (int t = 0; t < steps; t++)
                for (int f = 0; f < features; f++) pooled[f] += attention.Data[(b * steps + t) * features + f] / (double)steps;
            var logits = new double[classes];
            for (int j = 0; j < classes; j++) logits[j] = bias[j] + Enumerable.Range(0, features).Sum(f => pooled[f] * kernel[f * classes + j]);
            double max = logits.Max(), sum = logits.Sum(z => Math.Exp(z - max));
            for (int j = 0; j < classes; j++)
            {
                double want = expected.Data[b * classes + j];
                Assert.That(Math.Exp(logits[j] - max) / sum, Is.EqualTo(want).Within(c.Tolerance.Atol + c.Tolerance.Rtol * Math.Abs(want)), $"row {b}, class {j}");
            }
        }
    }
}
