using System.Diagnostics;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;

namespace RnnParity.Benchmarks.Table;

/// <summary>A published model timed end to end: load once, then predict the case's first run many times.</summary>
public sealed record ModelTimes(string Case, string Layers, string InputShape, double LoadSeconds, PassTime Predict, double MaxAbsError);

public static class WholeModels
{
    /// <summary>Three kinds: an embedding + masked BiLSTM text model, a GRU regressor, Conv1D + stacked LSTM.</summary>
    public static readonly string[] Cases = ["ner_masked_bilstm_stack", "eth_price_gru", "sunspot_conv1d_lstm_stack_tf2"];

    public static ModelTimes Run(string caseDir, double budget)
    {
        FixtureCase c = CaseReader.Load(caseDir);
        string file = new[] { "model.keras", "model.h5" }.Select(c.PathOf).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{caseDir}: neither model.keras nor model.h5 beside case.json");
        var sw = Stopwatch.StartNew();
        LoadedKerasModel loaded = KerasModel.Load(file);
        double load = sw.Elapsed.TotalSeconds;

        FixtureRun run = c.Runs[0];
        List<Tensor> inputs = [.. run.Inputs.Select(i => NpyReader.Read(c.PathOf(i.File)).ToTensor())];
        IReadOnlyList<Tensor> outputs = loaded.Model.Call(inputs);
        NpyArray expected = NpyReader.Read(c.PathOf(run.Outputs[0].File));
        double err = 0;
        for (int i = 0; i < expected.Length; i++) err = System.Math.Max(err, System.Math.Abs(expected.Data[i] - outputs[0].Data[i]));

        PassTime predict = PassTimer.Measure(() => loaded.Model.Call(inputs), budget);
        string layers = string.Join(", ", c.Expected.Layers.Select(l => l.ClassName).Distinct());
        return new ModelTimes(c.Name, layers, ShapeUtil.Format(inputs[0].Shape), load, predict, err);
    }
}
