using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;

namespace RnnParity.Tests.KerasConfig;

/// <summary>
/// A model with a custom layer: Keras saves it under its <c>registered_name</c>
/// (<c>@keras.saving.register_keras_serializable(package="Custom")</c> gives <c>Custom&gt;Scale</c>); the user
/// registers a C# implementation under that name and the loader builds it.
/// </summary>
[TestFixture]
[NonParallelizable] // the registry is process-wide
public sealed class CustomLayerRegistrationTests
{
    /// <summary>The user's C# port of their Keras layer <c>Scale(factor)</c>: y = factor·x, mask passed on.</summary>
    sealed class Scale(double factor, string? name) : Layer(name)
    {
        public override string ClassName => "Scale";

        public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes) => [inputShapes[0]];

        protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
        {
            var x = inputs[0];
            return [new Tensor((int[])x.Shape.Clone(), x.Data.Select(v => (float)(v * factor)).ToArray()) { Mask = x.Mask }];
        }
    }

    const string Json = """
        {"class_name": "Sequential", "config": {"name": "s", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 3, 2], "dtype": "float32", "name": "in"}},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "linear", "use_bias": false}},
          {"module": null, "class_name": "Scale", "config": {"name": "scale", "trainable": true, "dtype": "float32", "factor": 2.5}, "registered_name": "Custom>Scale"}
        ]}}
        """;

    [TearDown]
    public void Forget() => LayerFactory.Unregister("Custom>Scale");

    [Test]
    public void A_registered_custom_layer_is_built_by_the_loader()
    {
        LayerFactory.Register("Custom>Scale", (config, name) => new Scale(config.Get("factor").Double(), name));

        var model = ModelLoader.FromJson(Json);
        model.SetWeights([new Tensor([2, 2], [1f, 0f, 0f, 1f])]);
        var x = new Tensor([1, 3, 2], [1f, 2f, 3f, 4f, 5f, 6f]);
        var y = model.Call(x);

        Assert.That(model.Layers.Select(l => l.ClassName), Is.EqualTo(new[] { "Dense", "Scale" }));
        Assert.That(y.Data, Is.EqualTo(x.Data.Select(v => v * 2.5f).ToArray()), "identity Dense, then factor 2.5");
    }

    [Test]
    public void Without_a_registration_the_custom_layer_is_refused_by_its_registered_name()
    {
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(Json))!;

        Assert.That(e.Message, Does.Contain("'Scale'").And.Contain("Custom>Scale").And.Contain("'scale'").And.Contain("not supported yet"));
        Assert.That(e.Field, Is.EqualTo("config.layers[2].class_name"));
    }

    [Test]
    public void The_registered_name_wins_over_a_builtin_class_of_the_same_name()
    {
        // A user's own "Dense" saved as Custom>Dense must not be built as Keras's Dense.
        LayerFactory.Register("Custom>Dense", (config, name) => new Scale(-1, name));
        string json = Json.Replace("\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 2, \"activation\": \"linear\", \"use_bias\": false}}",
            "\"module\": null, \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\"}, \"registered_name\": \"Custom>Dense\"}");
        LayerFactory.Register("Custom>Scale", (config, name) => new Scale(config.Get("factor").Double(), name));
        try
        {
            var model = ModelLoader.FromJson(json);
            var y = model.Call(new Tensor([1, 3, 2], [1f, 2f, 3f, 4f, 5f, 6f]));

            Assert.That(model.Layers[0], Is.TypeOf<Scale>());
            Assert.That(y.Data[0], Is.EqualTo(-2.5f));
        }
        finally { LayerFactory.Unregister("Custom>Dense"); }
    }
}
