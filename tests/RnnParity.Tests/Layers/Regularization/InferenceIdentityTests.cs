using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Regularization;

namespace RnnParity.Tests.Layers.Regularization;

/// <summary>
/// Keras's regularization layers at inference: <c>training=False</c> returns the input itself
/// (keras/src/layers/regularization/*.py: each <c>call</c> returns <c>inputs</c> unless training),
/// and they set <c>supports_masking = True</c>, so the mask passes on.
/// </summary>
public sealed class InferenceIdentityTests
{
    static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData((Func<Layer>)(() => new Dropout(0.5))).SetName("Dropout");
        yield return new TestCaseData((Func<Layer>)(() => new SpatialDropout1D(0.3))).SetName("SpatialDropout1D");
        yield return new TestCaseData((Func<Layer>)(() => new GaussianNoise(0.2))).SetName("GaussianNoise");
        yield return new TestCaseData((Func<Layer>)(() => new GaussianDropout(0.2))).SetName("GaussianDropout");
        yield return new TestCaseData((Func<Layer>)(() => new AlphaDropout(0.2))).SetName("AlphaDropout");
        yield return new TestCaseData((Func<Layer>)(() => new ActivityRegularization(0.01, 0.02))).SetName("ActivityRegularization");
    }

    [TestCaseSource(nameof(Layers))]
    public void Inference_returns_the_input_and_keeps_its_mask(Func<Layer> create)
    {
        var rng = new Random(7);
        var x = new Tensor([2, 3, 4], Enumerable.Range(0, 24).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray());
        bool[] mask = [true, true, false, true, false, false];
        x.Mask = mask;
        Layer layer = create();

        Tensor y = layer.Call(x);

        Assert.That(y.Shape, Is.EqualTo(x.Shape));
        Assert.That(y.Data, Is.EqualTo(x.Data));
        Assert.That(y.Mask, Is.EqualTo(mask));
        Assert.That(layer.CountParams(), Is.Zero);
        Assert.That(layer.OutputShapes.Single(), Is.EqualTo(new int?[] { 2, 3, 4 }));
    }

    [TestCase(-0.1)]
    [TestCase(1.5)]
    public void A_rate_outside_0_to_1_is_refused_naming_the_option(double rate)
    {
        var e = Assert.Throws<LayerConfigurationException>(() => _ = new Dropout(rate, "drop"))!;
        Assert.That(e.Message, Does.Contain("'drop'").And.Contain("rate").And.Contain(rate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("Dropout", "\"rate\": 0.25")]
    [TestCase("SpatialDropout1D", "\"rate\": 0.25")]
    [TestCase("GaussianNoise", "\"stddev\": 0.1")]
    [TestCase("GaussianDropout", "\"rate\": 0.1")]
    [TestCase("AlphaDropout", "\"rate\": 0.1")]
    [TestCase("ActivityRegularization", "\"l1\": 0.0, \"l2\": 0.01")]
    public void Loads_from_a_Keras_3_config(string className, string options)
    {
        string json = $$$"""
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 5, 2], "dtype": "float32", "name": "in"}},
              {"module": "keras.layers", "class_name": "{{{className}}}", "config": {"name": "reg", "trainable": true, "dtype": "float32", {{{options}}}, "seed": null}}
            ]}}
            """;
        var model = ModelLoader.FromJson(json);

        Assert.That(model.Layers.Single().ClassName, Is.EqualTo(className));
        Assert.That(model.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 5, 2 }));
    }

    [Test]
    public void A_config_without_its_rate_names_the_field()
    {
        const string json = """
            {"class_name": "Sequential", "config": {"name": "s", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 5, 2], "name": "in"}},
              {"class_name": "Dropout", "config": {"name": "d"}}
            ]}}
            """;
        var e = Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(json))!;
        Assert.That(e.Field, Is.EqualTo("config.layers[1].config.rate"));
    }
}
