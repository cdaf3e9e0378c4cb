using RnnParity.Benchmarks.Onnx;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests.Benchmarks.Onnx;

/// <summary>
/// The benchmark's ONNX export of a Keras recurrent layer (gate reorder, transposes, GRU's two bias
/// rows): ONNX Runtime running the exported graph must give the outputs Keras computed for the
/// committed Keras fixture cases. No timing here.
/// </summary>
public class KerasRecurrentOnnxTests
{
    [TestCase("seed_simple_rnn_sequences_batch8", RecurrentKind.SimpleRNN)]
    [TestCase("lstm_sequences", RecurrentKind.LSTM)]
    [TestCase("gru_reset_after", RecurrentKind.GRU)]
    [TestCase("gru_reset_before", RecurrentKind.GRUResetBefore)]
    public void OrtOnTheExportedGraphGivesKerasOutputs(string caseName, RecurrentKind kind)
    {
        FixtureCase c = CaseReader.Load(RepoPaths.KerasCase(caseName));
        float[] W(string name) => Floats(NpyReader.Read(c.PathOf(c.Weights.Single(w => w.Name == name).File)));
        NpyArray kernel = NpyReader.Read(c.PathOf(c.Weights.Single(w => w.Name == "kernel").File));
        int input = kernel.Shape[0];
        int units = NpyReader.Read(c.PathOf(c.Weights.Single(w => w.Name == "recurrent_kernel").File)).Shape[0];
        NpyArray x = NpyReader.Read(c.PathOf(c.Runs[0].Inputs[0].File));
        NpyArray expected = NpyReader.Read(c.PathOf(c.Runs[0].Outputs[0].File));
        int batch = x.Shape[0], timesteps = x.Shape[1];
        Assert.That(x.Shape[2], Is.EqualTo(input), "fixture input width = kernel rows");

        OnnxGraph graph = KerasRecurrentOnnx.Build(kind, W("kernel"), W("recurrent_kernel"), W("bias"), input, units, batch, timesteps);
        float[] y = RunOrt(graph, Floats(x));

        // return_sequences=False cases hold the last step only: compare ORT's last step.
        bool lastOnly = expected.Rank == 2;
        int compared = 0;
        for (int b = 0; b < batch; b++)
            for (int t = lastOnly ? timesteps - 1 : 0; t < timesteps; t++)
                for (int u = 0; u < units; u++)
                {
                    double want = lastOnly ? expected.Data[b * units + u] : expected.Data[(b * timesteps + t) * units + u];
                    double got = y[(b * timesteps + t) * units + u];
                    Assert.That(got, Is.EqualTo(want).Within(c.Tolerance.Atol + c.Tolerance.Rtol * System.Math.Abs(want)),
                        $"{caseName}: batch {b}, step {t}, unit {u}");
                    compared++;
                }
        Assert.That(compared, Is.EqualTo(expected.Length));
    }

    [Test]
    public void FromLayerGivesWhatTheLayerComputes()
    {
        var layer = new LSTM(6, "tanh", "sigmoid", true, new RecurrentOptions { ReturnSequences = true });
        layer.Build([2, 5, 3]);
        var rng = new Random(7);
        foreach (Variable w in layer.Weights)
            for (int i = 0; i < w.Data.Length; i++) w.Data[i] = (float)(rng.NextDouble() - 0.5);
        var x = new Tensor(2, 5, 3);
        for (int i = 0; i < x.Data.Length; i++) x.Data[i] = (float)(2 * rng.NextDouble() - 1);

        float[] ours = layer.Call(x).Data;
        float[] ort = RunOrt(KerasRecurrentOnnx.FromLayer(layer, 2, 5), x.Data);

        Assert.That(ort, Has.Length.EqualTo(ours.Length));
        for (int i = 0; i < ours.Length; i++) Assert.That(ort[i], Is.EqualTo(ours[i]).Within(1e-5), $"element {i}");
    }

    [Test]
    public void ActivationOnnxDoesNotTakeByDefaultIsRefused()
    {
        var layer = new SimpleRNN(3, "relu", true, new RecurrentOptions { ReturnSequences = true });
        layer.Build([1, 4, 2]);
        var e = Assert.Throws<NotSupportedException>(() => KerasRecurrentOnnx.FromLayer(layer, 1, 4));
        Assert.That(e!.Message, Does.Contain("activation='relu'").And.Contain("not supported yet"));
    }

    [Test]
    public void LayerNotBuiltIsRefused()
    {
        var layer = new GRU(3, "tanh", "sigmoid", true, true, new RecurrentOptions(), name: "gru_x");
        var e = Assert.Throws<InvalidOperationException>(() => KerasRecurrentOnnx.FromLayer(layer, 1, 4));
        Assert.That(e!.Message, Does.Contain("'gru_x'").And.Contain("not built"));
    }

    static float[] RunOrt(OnnxGraph graph, float[] x)
    {
        OrtModel model;
        try { model = new OrtModel(graph, intraOpThreads: 1); }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            Assert.Inconclusive($"ONNX Runtime's native library cannot load here: {e.GetType().Name}: {e.Message}");
            throw; // not reached
        }
        using (model) return model.Run(x);
    }

    static float[] Floats(NpyArray a) => a.Data.Select(d => (float)d).ToArray();
}
