using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers.Activations;
using RnnParity.Layers.Models;
using KerasActivation = RnnParity.Layers.Activations.Activation;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>The activation layers built from Keras 3 <c>get_config()</c> JSON, Keras 2's LeakyReLU <c>alpha</c>, and bad configs refused by field.</summary>
[TestFixture]
public sealed class ActivationLayerConfigsTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static T Load<T>(string className, string config, params int?[] batchShape)
    {
        Model model = ModelLoader.FromJson(KerasJson.Sequential(batchShape.Length == 0 ? [null, 4] : batchShape, className, JsonNode.Parse(config)!.AsObject()));
        return (T)(object)model.Layers.Single();
    }

    static KerasConfigException Refused(string className, string config, params int?[] batchShape) =>
        Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(KerasJson.Sequential(batchShape.Length == 0 ? [null, 4] : batchShape, className, JsonNode.Parse(config)!.AsObject())))!;

    [Test]
    public void Activation_loads_its_function_by_name()
    {
        var layer = Load<KerasActivation>("Activation", """{"name": "act", "activation": "gelu"}""");
        Assert.That(layer.Name, Is.EqualTo("act"));
        Assert.That(layer.Function.Name, Is.EqualTo("gelu"));
        Assert.That(Refused("Activation", """{"activation": "swishy"}""").Message, Does.Contain("swishy").And.Contain("not supported yet"));
        Assert.That(Refused("Activation", "{}").Field, Does.EndWith("activation"));
        Assert.That(Refused("Activation", """{"activation": {"class_name": "function", "config": "my_fn"}}""").Message, Does.Contain("custom activations"));
    }

    [Test]
    public void ReLU_reads_its_three_options()
    {
        var layer = Load<ReLU>("ReLU", """{"max_value": 6.0, "negative_slope": 0.1, "threshold": 0.5}""");
        Assert.That((layer.MaxValue, layer.NegativeSlope, layer.Threshold), Is.EqualTo(((double?)6.0, 0.1, 0.5)));
        var defaults = Load<ReLU>("ReLU", """{"max_value": null, "negative_slope": 0.0, "threshold": 0.0}""");
        Assert.That(defaults.MaxValue, Is.Null);
        Assert.That(Refused("ReLU", """{"max_value": -1.0}""").Message, Does.Contain("max_value"));
        // relu_test.py::test_negative_slope_none_raises, test_threshold_none_raises.
        Assert.That(Refused("ReLU", """{"negative_slope": null}""").Field, Does.EndWith("negative_slope"));
        Assert.That(Refused("ReLU", """{"threshold": null}""").Field, Does.EndWith("threshold"));
    }

    [Test]
    public void LeakyReLU_reads_negative_slope_or_keras_2_alpha()
    {
        Assert.That(Load<LeakyReLU>("LeakyReLU", """{"negative_slope": 0.1}""").NegativeSlope, Is.EqualTo(0.1));
        Assert.That(Load<LeakyReLU>("LeakyReLU", """{"alpha": 0.2}""").NegativeSlope, Is.EqualTo(0.2));
        Assert.That(Load<LeakyReLU>("LeakyReLU", "{}").NegativeSlope, Is.EqualTo(0.3));
        Assert.That(Refused("LeakyReLU", """{"negative_slope": -0.1}""").Message, Does.Contain("negative_slope"));
        // leaky_relu_test.py::test_invalid_usage: negative_slope=None.
        Assert.That(Refused("LeakyReLU", """{"negative_slope": null}""").Message, Does.Contain("cannot be None"));
    }

    [Test]
    public void PReLU_reads_shared_axes_as_a_list_or_an_integer_and_builds_alpha()
    {
        const string Config = """
            {"alpha_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "alpha_regularizer": null, "alpha_constraint": null, "shared_axes": [1]}
            """;
        var layer = Load<PReLU>("PReLU", Config, null, 5, 3);
        Assert.That(layer.Weights.Single().Shape, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(Load<PReLU>("PReLU", """{"shared_axes": 2}""", null, 5, 3).Weights.Single().Shape, Is.EqualTo(new[] { 5, 1 }));
        Assert.That(Load<PReLU>("PReLU", """{"shared_axes": null}""", null, 5, 3).CountParams(), Is.EqualTo(15));
        Assert.That(Refused("PReLU", """{"shared_axes": [4]}""", null, 5, 3).Message, Does.Contain("shared_axes"));
    }

    [Test]
    public void ELU_and_Softmax_read_their_options()
    {
        Assert.That(Load<ELU>("ELU", """{"alpha": 0.5}""").Alpha, Is.EqualTo(0.5));
        Assert.That(Load<Softmax>("Softmax", """{"axis": 1}""", null, 4, 3).Axis, Is.EqualTo(1));
        Assert.That(Load<Softmax>("Softmax", """{"axis": [-1]}""").Axis, Is.EqualTo(-1));
        Assert.That(Load<Softmax>("Softmax", "{}").Axis, Is.EqualTo(-1));
        Assert.That(Load<Softmax>("Softmax", """{"axis": [1, 2]}""", null, 4, 3).Axes, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(Refused("Softmax", """{"axis": [1, 3]}""", null, 4, 3).Message, Does.Contain("out of bounds"));
    }

    [Test]
    public void A_loaded_model_runs_the_layer()
    {
        Model model = ModelLoader.FromJson(KerasJson.Sequential([null, 5], "ReLU", JsonNode.Parse("""{"negative_slope": 0.5, "max_value": 10.0, "threshold": 0.0}""")!.AsObject()));
        Tensor y = model.Call([new Tensor([1, 5], [-10f, -5f, 0f, 5f, 10f])])[0];
        Assert.That(y.Data, Is.EqualTo(new[] { -5f, -2.5f, 0f, 5f, 10f }));
    }
}
