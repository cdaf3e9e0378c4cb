using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;
using RnnParity.KerasConfig;
using static RnnParity.Tests.KerasConfig.GraphJson;

namespace RnnParity.Tests.Layers.Graph;

/// <summary>
/// The shared cases whose graphs use what Keras 3 records beyond plain layer calls: operations with
/// constant arguments (<c>NotEqual(x, 0.0)</c>, <c>Any</c>), an explicit <c>mask=</c>, and
/// <c>initial_state</c> over a masked sequence (<c>model_encoder_decoder</c>, made by Keras 3.15.1), and the
/// seq2seq models from the wild.
/// </summary>
[TestFixture]
public sealed class SharedGraphCasesTests
{
    static string SharedCase(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        if (!File.Exists(Path.Combine(path, "case.json")))
            Assert.Inconclusive($"shared case {path} is absent (set RNNPARITY_SHARED to the shared test data)");
        return path;
    }

    [TestCase("keras-models", "model_encoder_decoder")]
    [TestCase("wild-models", "hindi_seq2seq_decoder_initial_state")]
    [TestCase("wild-models", "ts_seq2seq_decoder_time_distributed")]
    [TestCase("wild-models", "ts_seq2seq_training_model_keras_zip")]
    [TestCase("wild-models", "keras224_seq2seq_encoder_states")]
    public void Case_verifies(string folder, string name)
    {
        CaseResult result = CaseVerifier.Verify(SharedCase(Path.Combine(RepoPaths.Shared, folder), name));

        Assert.That(result.Passed, Is.True, result.Error);
    }

    /// <summary>
    /// The Keras output of <c>model_encoder_decoder</c> is the unmasked decoder's: given the padding mask
    /// explicitly (<c>mask=NotEqual(ids, 0)</c>), the same weights give an output beyond tolerance, so the
    /// fixture itself shows the rule, and a loader that honoured the mask would fail it.
    /// </summary>
    [Test]
    public void Keras_ran_the_encoder_decoders_decoder_over_the_padding()
    {
        string path = SharedCase(RepoPaths.KerasModels, "model_encoder_decoder");
        var fixture = CaseReader.Load(path);
        var json = JsonNode.Parse(File.ReadAllText(fixture.PathOf(fixture.ModelFile)))!;
        var layers = json["config"]!["layers"]!.AsArray();
        var decoder = layers.Single(l => l!["name"]!.GetValue<string>() == "lstm_1")!;
        decoder["inbound_nodes"]![0]!["kwargs"]!["mask"] = Tensor("padding", dtype: "bool");
        layers.Insert(layers.IndexOf(decoder), Op("NotEqual", new JsonObject { ["name"] = "padding" }, Node(new JsonArray(Tensor("input_layer_1", dtype: "int32"), 0))));

        var masked = ModelLoader.FromJson(json.ToJsonString());
        var plain = ModelLoader.FromJson(File.ReadAllText(fixture.PathOf(fixture.ModelFile)));
        var weights = fixture.Weights.Select(w => NpyReader.Read(fixture.PathOf(w.File)).ToTensor()).ToList();
        masked.SetWeights(weights);
        plain.SetWeights(weights);
        var run = fixture.Runs[0];
        var inputs = run.Inputs.Select(i => NpyReader.Read(fixture.PathOf(i.File)).ToTensor()).ToList();
        var expected = NpyReader.Read(fixture.PathOf(run.Outputs[0].File));

        Assert.That(ArrayComparison.Compare(expected, plain.Call(inputs)[0], fixture.Tolerance).Passed, Is.True, "Keras's rule");
        Assert.That(ArrayComparison.Compare(expected, masked.Call(inputs)[0], fixture.Tolerance).Passed, Is.False, "a masked decoder is told apart");
    }
}
