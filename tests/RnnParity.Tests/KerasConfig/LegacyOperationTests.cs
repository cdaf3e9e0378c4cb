using RnnParity.KerasConfig;
using RnnParity.Layers.Ops;

namespace RnnParity.Tests.KerasConfig;

/// <summary>
/// A legacy <c>.h5</c> (Keras 3's included: <c>keras-models/model_encoder_decoder/model.h5</c>) writes no
/// <c>module</c>, so an operation is told from a layer of the same class name by its config: an
/// operation's config is its name alone.
/// </summary>
public sealed class LegacyOperationTests
{
    static string Graph(string addConfig) => $$$"""
        {"class_name": "Functional", "config": {"name": "f", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "a"}, "name": "a", "inbound_nodes": []},
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "dtype": "float32", "name": "b"}, "name": "b", "inbound_nodes": []},
          {"class_name": "Add", "config": {{{addConfig}}}, "name": "add", "inbound_nodes": [{"args": [
            {"class_name": "__keras_tensor__", "config": {"shape": [null, 3], "dtype": "float32", "keras_history": ["a", 0, 0]}},
            {"class_name": "__keras_tensor__", "config": {"shape": [null, 3], "dtype": "float32", "keras_history": ["b", 0, 0]}}], "kwargs": {}}]}
        ], "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["add", 0, 0]]}}
        """;

    [Test]
    public void A_config_with_only_a_name_is_the_operation()
    {
        var model = (RnnParity.Layers.Models.Functional)ModelLoader.FromJson(Graph("""{"name": "add"}"""));

        Assert.That(model.Nodes.Select(n => n.Layer), Has.Some.TypeOf<Add>());
    }

    [Test]
    public void A_layer_config_is_the_merging_layer()
    {
        var model = ModelLoader.FromJson(Graph("""{"name": "add", "trainable": true, "dtype": "float32"}"""));

        Assert.That(model.Layers.Select(l => l.GetType()), Has.Member(typeof(RnnParity.Layers.Merging.Add)));
    }

    [Test]
    public void An_operation_without_a_layer_of_its_name_is_the_operation_whatever_its_config()
    {
        var model = (RnnParity.Layers.Models.Functional)ModelLoader.FromJson(Graph("""{"name": "add"}""").Replace("\"class_name\": \"Add\"", "\"class_name\": \"Divide\""));

        Assert.That(model.Nodes.Select(n => n.Layer), Has.Some.TypeOf<Divide>());
    }
}
