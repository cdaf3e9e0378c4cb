using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Reshaping;
using RnnParity.Layers.Wrappers;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>
/// ZeroPadding3D, Cropping3D and UpSampling3D built by <see cref="ModelLoader.FromJson"/> from Keras 3 <c>get_config()</c>
/// JSON (an integer, 3 integers or 3 pairs; Keras stores the pairs), with Keras's output shapes, inside
/// <c>TimeDistributed</c>, and bad or unsupported configs refused naming the option.
/// </summary>
[TestFixture]
public sealed class Reshaping3DConfigTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Model LoadModel(string className, string config, params int?[] batchShape) =>
        ModelLoader.FromJson(KerasJson.Sequential(batchShape, className, JsonNode.Parse(config)!.AsObject()));

    // Shapes from Keras's compute_output_shape: padded axis + before + after, cropped axis - before - after, upsampled axis * size.
    [TestCase("ZeroPadding3D", """{"padding": [[1, 0], [2, 3], [0, 1]], "data_format": "channels_last"}""", "(None, 5, 11, 7, 3)")]
    [TestCase("ZeroPadding3D", """{"padding": [1, 2, 0]}""", "(None, 6, 10, 6, 3)")]
    [TestCase("ZeroPadding3D", """{"padding": 2}""", "(None, 8, 10, 10, 3)")]
    [TestCase("ZeroPadding3D", """{}""", "(None, 6, 8, 8, 3)")]
    [TestCase("Cropping3D", """{"cropping": [[1, 0], [2, 3], [0, 1]], "data_format": "channels_last"}""", "(None, 3, 1, 5, 3)")]
    [TestCase("Cropping3D", """{"cropping": [1, [0, 2], 0]}""", "(None, 2, 4, 6, 3)")]
    [TestCase("Cropping3D", """{}""", "(None, 2, 4, 4, 3)")]
    [TestCase("UpSampling3D", """{"size": [2, 1, 3], "data_format": "channels_last"}""", "(None, 8, 6, 18, 3)")]
    [TestCase("UpSampling3D", """{"size": 2}""", "(None, 8, 12, 12, 3)")]
    [TestCase("UpSampling3D", """{}""", "(None, 8, 12, 12, 3)")]
    public void Keras3_config_loads_with_kerass_output_shape(string className, string config, string expected)
    {
        Layer layer = LoadModel(className, config, null, 4, 6, 6, 3).Layers.Single();
        Assert.That((layer.ClassName, layer.Name), Is.EqualTo((className, "layer_under_test")));
        Assert.That(ShapeUtil.Format(layer.OutputShapes.Single()), Is.EqualTo(expected));
    }

    [Test]
    public void Loaded_layers_keep_kerass_sides_and_sizes()
    {
        var pad = (ZeroPadding3D)LoadModel("ZeroPadding3D", """{"padding": [[1, 0], 2, [0, 3]]}""", null, 4, 6, 6, 3).Layers.Single();
        Assert.That(pad.Padding, Is.EqualTo(((1, 0), (2, 2), (0, 3))));
        var crop = (Cropping3D)LoadModel("Cropping3D", """{"cropping": 1}""", null, 4, 6, 6, 3).Layers.Single();
        Assert.That(crop.Cropping, Is.EqualTo(((1, 1), (1, 1), (1, 1))));
        var up = (UpSampling3D)LoadModel("UpSampling3D", """{"size": [1, 2, 3]}""", null, 4, 6, 6, 3).Layers.Single();
        Assert.That(up.Size, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void TimeDistributed_runs_a_3d_layer_over_every_frame()
    {
        string inner = """{"module": "keras.layers", "class_name": "UpSampling3D", "config": {"name": "up_sampling3d", "size": [1, 2, 1]}, "registered_name": null}""";
        Model model = LoadModel("TimeDistributed", $$"""{"layer": {{inner}}}""", null, 3, 2, 2, 2, 1);
        var td = (TimeDistributed)model.Layers.Single();
        Assert.That(td.Layer, Is.TypeOf<UpSampling3D>());
        Assert.That(ShapeUtil.Format(td.OutputShapes[0]), Is.EqualTo("(None, 3, 2, 4, 2, 1)"));

        // Frame t of the output is the inner layer applied to frame t alone.
        Tensor x = RnnParity.Tests.Layers.SeededTensors.Uniform(7, 2, 3, 2, 2, 2, 1);
        Tensor y = model.Call([x])[0];
        int frame = 2 * 2 * 2, outFrame = 2 * 4 * 2;
        Tensor fifth = td.Layer.Call(new Tensor([1, 2, 2, 2, 1], x.Data.AsSpan(4 * frame, frame).ToArray()));
        Assert.That(y.Data.AsSpan(4 * outFrame, outFrame).ToArray(), Is.EqualTo(fifth.Data), "batch 1, frame 1");
    }

    // zero_padding3d_test.py, test_zero_padding_3d_errors_if_padding_argument_invalid, as JSON.
    [TestCase("ZeroPadding3D", """{"padding": [1]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": [1, 2]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": [1, 2, 3, 4]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": "1"}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": [[1, 2], [3, 4], [5, 6, 7]]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": [[1, 2], [3, 4], [5, -6]]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": [[1, 2], [3, 4], "5"]}""", "padding")]
    // cropping3d_test.py, test_cropping_3d_errors_if_cropping_argument_invalid, as JSON.
    [TestCase("Cropping3D", """{"cropping": [1]}""", "cropping")]
    [TestCase("Cropping3D", """{"cropping": [1, 2, 3, 4]}""", "cropping")]
    [TestCase("Cropping3D", """{"cropping": "1"}""", "cropping")]
    [TestCase("Cropping3D", """{"cropping": [[1, 2], [3, 4], [5, 6, 7]]}""", "cropping")]
    [TestCase("ZeroPadding3D", """{"padding": [[1, 2], [1, 2, 3], 0]}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": -1}""", "padding")]
    [TestCase("ZeroPadding3D", """{"padding": 1, "data_format": "channels_middle"}""", "data_format")]
    [TestCase("Cropping3D", """{"cropping": [[1, 0], [0, 0]]}""", "cropping")]
    [TestCase("Cropping3D", """{"cropping": [[3, 3], 0, 0]}""", "cropping")]
    [TestCase("Cropping3D", """{"cropping": 1, "data_format": "channels_middle"}""", "data_format")]
    [TestCase("UpSampling3D", """{"size": [2, 2]}""", "size")]
    [TestCase("UpSampling3D", """{"size": [2, 0, 2]}""", "size")]
    [TestCase("UpSampling3D", """{"size": 2, "data_format": "channels_middle"}""", "data_format")]
    public void Bad_or_unsupported_configs_are_refused_by_field(string className, string config, string field)
    {
        var e = Assert.Catch<Exception>(() => LoadModel(className, config, null, 4, 6, 6, 3))!;
        Assert.That(e.Message, Does.Contain(field));
    }
}
