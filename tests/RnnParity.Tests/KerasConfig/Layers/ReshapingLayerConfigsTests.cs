using System.Text.Json.Nodes;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Reshaping;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>The reshaping layers built from Keras 3 <c>get_config()</c> JSON, with their output shapes, and bad configs refused by field.</summary>
[TestFixture]
public sealed class ReshapingLayerConfigsTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Layer Load(string className, string config, params int?[] batchShape) =>
        ModelLoader.FromJson(KerasJson.Sequential(batchShape, className, JsonNode.Parse(config)!.AsObject())).Layers.Single();

    static KerasConfigException Refused(string className, string config, params int?[] batchShape) =>
        Assert.Throws<KerasConfigException>(() => ModelLoader.FromJson(KerasJson.Sequential(batchShape, className, JsonNode.Parse(config)!.AsObject())))!;

    /// <summary>What <c>get_config()</c> of each layer holds in Keras 3.15, and the output shape Keras computes.</summary>
    [TestCase("Flatten", """{"data_format": "channels_last"}""", new[] { 5, 3 }, "(None, 15)")]
    [TestCase("Flatten", """{"data_format": "channels_first"}""", new[] { 5, 3 }, "(None, 15)")]
    [TestCase("Reshape", """{"target_shape": [3, -1]}""", new[] { 5, 3 }, "(None, 3, 5)")]
    [TestCase("Permute", """{"dims": [2, 1]}""", new[] { 5, 3 }, "(None, 3, 5)")]
    [TestCase("RepeatVector", """{"n": 4}""", new[] { 3 }, "(None, 4, 3)")]
    [TestCase("ZeroPadding1D", """{"padding": [1, 2], "data_format": "channels_last"}""", new[] { 5, 3 }, "(None, 8, 3)")]
    [TestCase("ZeroPadding1D", """{"padding": 2}""", new[] { 5, 3 }, "(None, 9, 3)")]
    [TestCase("ZeroPadding1D", """{"padding": [1, 1], "data_format": "channels_first"}""", new[] { 5, 3 }, "(None, 5, 5)")]
    [TestCase("Cropping1D", """{"cropping": [1, 2]}""", new[] { 5, 3 }, "(None, 2, 3)")]
    [TestCase("Cropping1D", """{"cropping": 1}""", new[] { 5, 3 }, "(None, 3, 3)")]
    [TestCase("UpSampling1D", """{"size": 3}""", new[] { 5, 3 }, "(None, 15, 3)")]
    public void Keras3_config_loads_with_kerass_output_shape(string className, string config, int[] inputShape, string expected)
    {
        Layer layer = Load(className, config, [null, .. inputShape.Select(d => (int?)d)]);
        Assert.That(layer.ClassName, Is.EqualTo(className));
        Assert.That(layer.Name, Is.EqualTo("layer_under_test"));
        Assert.That(RnnParity.Core.Tensors.ShapeUtil.Format(layer.OutputShapes.Single()), Is.EqualTo(expected));
    }

    [Test]
    public void Defaults_are_kerass()
    {
        Assert.That(((ZeroPadding1D)Load("ZeroPadding1D", "{}", null, 5, 3)).Padding, Is.EqualTo((1, 1)));
        Assert.That(((Cropping1D)Load("Cropping1D", "{}", null, 5, 3)).Cropping, Is.EqualTo((1, 1)));
        Assert.That(((UpSampling1D)Load("UpSampling1D", "{}", null, 5, 3)).Size, Is.EqualTo(2));
        Assert.That(((Flatten)Load("Flatten", "{}", null, 5, 3)).DataFormat, Is.EqualTo("channels_last"));
    }

    [Test]
    public void Bad_configs_are_refused_naming_the_field()
    {
        Assert.That(Refused("RepeatVector", """{"n": 2.5}""", null, 3).Field, Does.EndWith("n"));
        Assert.That(Refused("RepeatVector", "{}", null, 3).Field, Does.EndWith("n"));
        Assert.That(Refused("RepeatVector", """{"n": 0}""", null, 3).Message, Does.Contain("positive integer"));
        Assert.That(Refused("RepeatVector", """{"n": 2}""", null, 5, 3).Message, Does.Contain("expected ndim=2"));
        Assert.That(Refused("ZeroPadding1D", """{"padding": [1, 2, 3]}""", null, 5, 3).Field, Does.EndWith("padding"));
        Assert.That(Refused("Cropping1D", """{"cropping": [3, 2]}""", null, 5, 3).Message, Does.Contain("smaller than the input length"));
        Assert.That(Refused("Reshape", """{"target_shape": [4, 4]}""", null, 5, 3).Message, Does.Contain("total size"));
        Assert.That(Refused("Permute", """{"dims": [1, 3]}""", null, 5, 3).Message, Does.Contain("dims"));
        Assert.That(Refused("Flatten", """{"data_format": "channels_sideways"}""", null, 5, 3).Message, Does.Contain("data_format"));
    }

    [Test]
    public void The_seq2seq_repeat_vector_case_loads_and_verifies()
    {
        string dir = Path.Combine(RepoPaths.KerasModels, "model_seq2seq_repeat_vector");
        if (!Directory.Exists(dir)) Assert.Inconclusive($"shared case not found: {dir}");
        var result = RnnParity.Fixtures.Verification.CaseVerifier.Verify(dir);
        Assert.That(result.Passed, Is.True, string.Join(Environment.NewLine, result.Failures));
    }
}
