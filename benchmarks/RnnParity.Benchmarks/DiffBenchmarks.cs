using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;

namespace RnnParity.Benchmarks;

/// <summary>
/// <c>rnnparity diff</c> on a 500-step case (issue: under 2 s after Python has started; diff itself
/// starts no Python). The case is the committed <c>numpy_lstm_sequences</c> stretched to 500 steps,
/// its expected outputs computed with the recurrent biases doubled, so a run goes through every
/// replay of the differential diagnosis before naming <c>bias-doubled</c>; <c>Passing</c> is the same
/// case with correct expected outputs (no replay runs).
/// </summary>
public class DiffBenchmarks
{
    const int Steps = 500;
    string _failing = "", _passing = "";

    [GlobalSetup]
    public void Setup()
    {
        string source = Path.Combine(Repo.Root, "fixtures", "numpy", "numpy_lstm_sequences");
        string root = Path.Combine(Path.GetTempPath(), $"rnnparity-diff-bench-{Guid.NewGuid():N}");
        _passing = MakeCase(source, Path.Combine(root, "pass"), biasFactor: 1);
        _failing = MakeCase(source, Path.Combine(root, "fail"), biasFactor: 2);
        if (CaseDiff.Run(_failing).LikelyCause.Name != "bias-doubled") throw new InvalidOperationException("the failing case is not diagnosed as bias-doubled");
        if (!CaseDiff.Run(_passing).Passed) throw new InvalidOperationException("the passing case does not pass");
    }

    static string MakeCase(string source, string parent, float biasFactor)
    {
        string dir = Path.Combine(parent, Path.GetFileName(source));
        Directory.CreateDirectory(dir);
        foreach (string f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var c = CaseReader.Load(dir);
        var model = JsonNode.Parse(File.ReadAllText(c.PathOf(c.ModelFile)))!;
        model["config"]!["layers"]![0]!["config"]!["batch_shape"]![1] = Steps;
        File.WriteAllText(c.PathOf(c.ModelFile), model.ToJsonString());
        var x = CaseReader.LoadArray(c, c.Runs[0].Inputs[0].File, "");
        var rng = new Random(500);
        var input = new Tensor([x.Shape[0], Steps, x.Shape[2]]);
        for (int i = 0; i < input.Length; i++) input.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        NpyWriter.Write(c.PathOf(c.Runs[0].Inputs[0].File), NpyArray.FromTensor(input));

        RnnParity.Layers.Models.Keras.ClearSession();
        var built = ModelLoader.FromJson(model.ToJsonString());
        built.SetWeights(c.Weights.Select(w =>
        {
            var t = CaseReader.LoadArray(c, w.File, "").ToTensor();
            return w.Name == "bias" ? new Tensor(t.Shape, t.Data.Select(v => v * biasFactor).ToArray()) : t;
        }).ToList());
        var y = built.Call(input);
        NpyWriter.Write(c.PathOf(c.Runs[0].Outputs[0].File), NpyArray.FromTensor(y));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        foreach (var shape in json["expected"]!["output_shapes"]!.AsArray()) shape![1] = Steps;
        foreach (var layer in json["expected"]!["layers"]!.AsArray())
            foreach (var shape in layer!["output_shapes"]!.AsArray()) if (shape!.AsArray().Count == 3) shape[1] = Steps;
        File.WriteAllText(Path.Combine(dir, "case.json"), json.ToJsonString());
        return dir;
    }

    [Benchmark]
    public DiffResult Failing() => CaseDiff.Run(_failing);

    [Benchmark]
    public DiffResult Passing() => CaseDiff.Run(_passing);
}

/// <summary>The repository root, found upwards from the working directory or the assembly.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RnnParity.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no RnnParity.sln above the working directory");
    }
}
