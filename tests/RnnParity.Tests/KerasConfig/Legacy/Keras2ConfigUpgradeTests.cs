using System.Text.Json.Nodes;
using RnnParity.Core.Activations;
using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Legacy;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Tests.KerasConfig.Legacy;

/// <summary>The Keras 2 → Keras 3 config upgrade, spelling by spelling.</summary>
[TestFixture]
public sealed class Keras2ConfigUpgradeTests
{
    static (Model Model, IReadOnlyList<string> Kept) Upgrade(string json, bool keras3Activations = false)
    {
        var root = (JsonObject)JsonNode.Parse(json)!;
        var kept = Keras2ConfigUpgrade.Upgrade(root, keras3Activations);
        Keras.ClearSession();
        return (ModelLoader.FromJson(root.ToJsonString()), kept);
    }

    /// <summary>
    /// A tf.keras 2.x decoder: LSTM called with initial_state, which tf.keras writes in the node's kwargs
    /// as <c>[layer, node, tensor]</c> triples.
    /// </summary>
    const string TfKerasDecoder = """
        {"class_name": "Functional", "config": {"name": "model", "layers": [
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 6, 3], "dtype": "float32", "sparse": false, "ragged": false, "name": "x"}, "name": "x", "inbound_nodes": []},
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "h"}, "name": "h", "inbound_nodes": []},
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4], "dtype": "float32", "name": "c"}, "name": "c", "inbound_nodes": []},
          {"class_name": "LSTM", "config": {"name": "lstm", "return_sequences": true, "time_major": false, "units": 4, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "implementation": 2},
            "name": "lstm", "inbound_nodes": [[["x", 0, 0, {"initial_state": [["h", 0, 0], ["c", 0, 0]]}]]]}],
          "input_layers": [["x", 0, 0], ["h", 0, 0], ["c", 0, 0]], "output_layers": [["lstm", 0, 0]]}}
        """;

    [Test]
    public void Tf_keras_initial_state_kwargs_become_the_rnns_initial_state()
    {
        var (model, kept) = Upgrade(TfKerasDecoder);
        Assert.That(model.InputShapes, Has.Count.EqualTo(3));
        Assert.That(kept, Is.Empty);
        // The states reach the LSTM: a non-zero initial state changes the first step.
        var x = new RnnParity.Core.Tensors.Tensor([1, 6, 3], new float[18]);
        var zero = new RnnParity.Core.Tensors.Tensor([1, 4], new float[4]);
        var one = new RnnParity.Core.Tensors.Tensor([1, 4], [1f, 1f, 1f, 1f]);
        var lstm = (LSTM)model.Layers.Single(l => l.Name == "lstm");
        lstm.Weights[1].Data.AsSpan().Fill(0.1f);
        Assert.That(model.Call([x, zero, zero])[0].Data, Is.Not.EqualTo(model.Call([x, one, one])[0].Data));
    }

    [Test]
    public void Keras224_nodes_with_several_entries_call_the_layer_with_the_list()
    {
        // Keras 2.2.4 lists an RNN's initial states as further inbound entries of the same node.
        string json = TfKerasDecoder.Replace("""[[["x", 0, 0, {"initial_state": [["h", 0, 0], ["c", 0, 0]]}]]]""", """[[["x", 0, 0, {}], ["h", 0, 0, {}], ["c", 0, 0, {}]]]""")
            .Replace("\"Functional\"", "\"Model\"");
        var (model, _) = Upgrade(json);
        Assert.That(model.ClassName, Is.EqualTo("Functional"));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 6, 4 }));
    }

    const string Keras2Gru = """
        {"class_name": "Sequential", "config": [
          {"class_name": "GRU", "config": {"name": "gru_1", "units": 2, "activation": "tanh", "recurrent_activation": "hard_sigmoid",
            "use_bias": true, "batch_input_shape": [null, 3, 5], "implementation": 1}}]}
        """;

    [Test]
    public void A_keras2_gru_without_reset_after_gets_keras2s_default_false()
    {
        // Keras 2's GRU default was reset_after=False: bias (3·units); Keras 3's is True: (2, 3·units).
        var (model, _) = Upgrade(Keras2Gru);
        Assert.That(model.Weights.Last().Shape, Is.EqualTo(new[] { 6 }));
    }

    [Test]
    public void A_bare_list_sequential_config_is_read_as_its_layers() =>
        Assert.That(Upgrade(Keras2Gru).Model.Layers.Single().Name, Is.EqualTo("gru_1"));

    [Test]
    public void Hard_sigmoid_keeps_keras2s_meaning_and_is_recorded()
    {
        var root = (JsonObject)JsonNode.Parse(Keras2Gru)!;
        var kept = Keras2ConfigUpgrade.Upgrade(root, keras3Activations: false);
        Assert.That(kept, Is.EqualTo(new[] { "gru_1.recurrent_activation" }));
        Assert.That((string?)root["config"]!["layers"]![0]!["config"]!["recurrent_activation"], Is.EqualTo(KerasActivations.Keras2HardSigmoid));
    }

    [Test]
    public void With_keras3_activations_hard_sigmoid_stays_keras3s_but_is_still_reported()
    {
        var root = (JsonObject)JsonNode.Parse(Keras2Gru)!;
        var kept = Keras2ConfigUpgrade.Upgrade(root, keras3Activations: true);
        Assert.That(kept, Is.EqualTo(new[] { "gru_1.recurrent_activation" }));
        Assert.That((string?)root["config"]!["layers"]![0]!["config"]!["recurrent_activation"], Is.EqualTo("hard_sigmoid"));
    }

    [Test]
    public void Time_major_true_is_kept_so_that_it_is_refused()
    {
        var root = (JsonObject)JsonNode.Parse(TfKerasDecoder.Replace("\"time_major\": false", "\"time_major\": true"))!;
        Keras2ConfigUpgrade.Upgrade(root, false);
        Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(root.ToJsonString()));
    }
}
