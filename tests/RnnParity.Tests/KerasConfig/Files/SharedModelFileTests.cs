using System.Text.Json;
using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Files;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>
/// Every Keras file in the shared test data (made by Keras 3.15.1, and trained models saved by Keras
/// 2.2.4, tf.keras 2.8–2.14 and Keras 3.3–3.13) loads in C# and reproduces the case's outputs within
/// its tolerance; each weights-only file loads into the model built from the case's model.json.
/// </summary>
[TestFixture]
public sealed class SharedModelFileTests
{
    public static IEnumerable<TestCaseData> ModelFiles() => SharedModelFiles.ModelFiles(weightsOnly: false);

    public static IEnumerable<TestCaseData> WeightsFiles() => SharedModelFiles.ModelFiles(weightsOnly: true);

    [TestCaseSource(nameof(ModelFiles))]
    public void Model_file_loads_and_reproduces_the_case(string dir, string file)
    {
        SharedModelFiles.InconclusiveIfAbsent(dir);
        LoadedKerasModel loaded = Load(Path.Combine(dir, file), new KerasLoadOptions());
        // A Keras 2 file keeps Keras 2's meaning; the case's outputs are what Keras 3 computes, so
        // the reference for this load is the case's keras2_outputs where the source gives them.
        string[]? keras2 = Keras2Outputs(dir);
        Assert.That(loaded.Keras2Semantics.Count > 0, Is.EqualTo(keras2 is not null), "Keras 2 semantics kept exactly where the source says the model had them");
        SharedModelFiles.CheckRuns(dir, loaded.Model, keras2 is null ? null : (_, o) => keras2[o]);
    }

    [TestCaseSource(nameof(ModelFiles))]
    public void Model_file_with_keras3_activations_reproduces_what_keras3_computes(string dir, string file)
    {
        SharedModelFiles.InconclusiveIfAbsent(dir);
        LoadedKerasModel loaded = Load(Path.Combine(dir, file), new KerasLoadOptions { Keras3Activations = true });
        Assert.That(loaded.Keras2Semantics, Is.Empty);
        SharedModelFiles.CheckRuns(dir, loaded.Model);
    }

    [TestCaseSource(nameof(WeightsFiles))]
    public void Weights_file_loads_into_the_model_built_from_its_json(string dir, string file)
    {
        SharedModelFiles.InconclusiveIfAbsent(dir);
        Model model;
        try
        {
            Keras.ClearSession();
            model = ModelLoader.FromJson(File.ReadAllText(Path.Combine(dir, "model.json")));
        }
        catch (KerasConfigException e)
        {
            SharedModelFiles.InconclusiveIfLayerMissing(new ModelFileException("model.json", e.Message, inner: e));
            throw;
        }
        KerasModel.LoadWeights(model, Path.Combine(dir, file));
        SharedModelFiles.CheckRuns(dir, model);
    }

    static LoadedKerasModel Load(string path, KerasLoadOptions options)
    {
        try
        {
            Keras.ClearSession();
            return KerasModel.Load(path, options);
        }
        catch (ModelFileException e)
        {
            SharedModelFiles.InconclusiveIfLayerMissing(e);
            throw;
        }
    }

    static string[]? Keras2Outputs(string dir)
    {
        string source = Path.Combine(dir, "source.json");
        if (!File.Exists(source)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(source));
        return doc.RootElement.TryGetProperty("keras2_outputs", out var k) && k.TryGetProperty("files", out var files)
            ? files.EnumerateArray().Select(f => f.GetString()!).ToArray()
            : null;
    }
}
