using RnnParity.KerasConfig;

namespace RnnParity.Tests.KerasConfig;

/// <summary>Keras 2 files put the input shape on the first layer (<c>batch_input_shape</c>), not in an InputLayer.</summary>
[TestFixture]
public sealed class Keras2JsonTests
{
    const string TutorialModel = """
        {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
          {"class_name": "SimpleRNN", "config": {"name": "simple_rnn_1", "units": 3, "activation": "tanh",
            "use_bias": true, "return_sequences": false, "batch_input_shape": [null, 2, 10], "dtype": "float32"}}]},
         "keras_version": "2.3.1", "backend": "tensorflow"}
        """;

    [Test]
    public void The_tutorials_keras2_model_loads_with_42_parameters()
    {
        var model = ModelLoader.FromJson(TutorialModel);

        Assert.That(model.Name, Is.EqualTo("sequential_1"));
        Assert.That(model.Layers.Single().Name, Is.EqualTo("simple_rnn_1"));
        Assert.That(model.CountParams(), Is.EqualTo(42));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 3 }));
    }

    [Test]
    public void A_keras2_batch_size_is_kept()
    {
        var model = ModelLoader.FromJson(TutorialModel.Replace("[null, 2, 10]", "[8, 2, 10]"));

        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { 8, 3 }));
    }
}
