using System.Text.Json;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Files;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>
/// The shared cases that come with Keras's own files (<c>case.json</c> → <c>model_files</c>, or a
/// <c>model.keras</c>/<c>model.h5</c>/<c>model.weights.h5</c> beside the case) and how to check a model against them.
/// </summary>
internal static class SharedModelFiles
{
    public static IEnumerable<TestCaseData> ModelFiles(bool weightsOnly)
    {
        if (!Directory.Exists(RepoPaths.KerasModels) && !Directory.Exists(RepoPaths.WildModels))
        {
            yield return new TestCaseData("", "").SetArgDisplayNames("shared_data_absent");
            yield break;
        }
        foreach (string root in new[] { RepoPaths.KerasModels, RepoPaths.WildModels })
            foreach (string name in RepoPaths.SharedCaseNames(root))
            {
                string dir = Path.Combine(root, name);
                foreach (var (kind, file) in Files(dir))
                    if ((kind == "weights") == weightsOnly)
                        yield return new TestCaseData(dir, file).SetArgDisplayNames($"{name}_{kind}");
            }
    }

    static IEnumerable<(string Kind, string File)> Files(string dir)
    {
        var named = new Dictionary<string, string>();
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json"))))
            if (doc.RootElement.TryGetProperty("model_files", out var mf) && mf.ValueKind == JsonValueKind.Object)
                foreach (var p in mf.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String) named[p.Name] = p.Value.GetString()!;
        foreach (var (kind, file) in new[] { ("keras", "model.keras"), ("h5", "model.h5"), ("weights", "model.weights.h5") })
        {
            string f = named.GetValueOrDefault(kind, file);
            if (File.Exists(Path.Combine(dir, f))) yield return (kind, f);
        }
    }

    /// <summary>The placeholder case made when the shared data is absent.</summary>
    public static void InconclusiveIfAbsent(string dir)
    {
        if (dir.Length == 0) Assert.Inconclusive($"the shared model files are absent ({RepoPaths.KerasModels}, {RepoPaths.WildModels})");
    }

    /// <summary>Runs every run of the case through <paramref name="model"/>, comparing with <paramref name="outputFile"/>'s files.</summary>
    public static void CheckRuns(string dir, Model model, Func<FixtureRun, int, string>? outputFile = null)
    {
        FixtureCase fixture = CaseReader.Load(dir);
        int compared = 0;
        foreach (FixtureRun run in fixture.Runs)
        {
            if (run.ResetStates) model.ResetStates();
            var inputs = run.Inputs.Select((x, i) => CaseReader.LoadArray(fixture, x.File, $"inputs[{i}]").ToTensor()).ToList();
            IReadOnlyList<Tensor> actual = model.Call(inputs);
            Assert.That(actual, Has.Count.EqualTo(run.Outputs.Count), $"{fixture.Name}: outputs");
            for (int o = 0; o < run.Outputs.Count; o++)
            {
                string file = outputFile?.Invoke(run, o) ?? run.Outputs[o].File;
                NpyArray expected = NpyReader.Read(Path.Combine(dir, file));
                var cmp = ArrayComparison.Compare(expected, actual[o], fixture.Tolerance);
                Assert.That(cmp.Passed, Is.True, $"{fixture.Name} {file}: {cmp.Describe()}");
                compared++;
            }
        }
        Assert.That(compared, Is.GreaterThan(0), $"{fixture.Name}: no output compared");
    }

    /// <summary>A model whose layer class another part of the project has not implemented yet is Inconclusive, naming it.</summary>
    public static void InconclusiveIfLayerMissing(ModelFileException e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is KerasConfigException k && k.Message.Contains("layer class", StringComparison.Ordinal) && k.Message.Contains("is not supported yet", StringComparison.Ordinal))
                Assert.Inconclusive($"a layer is not implemented yet: {k.Message.Split("; supported:")[0]}");
    }
}
