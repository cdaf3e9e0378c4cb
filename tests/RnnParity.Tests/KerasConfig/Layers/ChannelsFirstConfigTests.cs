using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>
/// A Keras 3 <c>model.json</c> whose 2-D/3-D layers say <c>"data_format": "channels_first"</c> loads: the layer keeps
/// the format, its output shape is Keras's channels_first one (compute_output_shape rules: the channel axis after batch,
/// after time for ConvLSTM) and the summary shows it; the parameter count is unchanged (same kernel layout).
/// </summary>
[TestFixture]
public sealed class ChannelsFirstConfigTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    // Input (None, 2, 6, 7) or (None, 2, 3, 4, 5), channels first; params = prod(kernel)·C·filters + filters.
    [TestCase("Conv2D", """{"filters": 4, "kernel_size": [3, 3], "padding": "same", "strides": [2, 1]}""", new[] { 2, 6, 7 }, "(None, 4, 3, 7)", 76)]
    [TestCase("Conv3D", """{"filters": 3, "kernel_size": [1, 2, 3]}""", new[] { 2, 3, 4, 5 }, "(None, 3, 3, 3, 3)", 39)]
    [TestCase("MaxPooling2D", """{"pool_size": [2, 2], "strides": null, "padding": "valid"}""", new[] { 2, 6, 7 }, "(None, 2, 3, 3)", 0)]
    [TestCase("AveragePooling3D", """{"pool_size": [1, 2, 2], "padding": "same"}""", new[] { 2, 3, 4, 5 }, "(None, 2, 3, 2, 3)", 0)]
    [TestCase("GlobalAveragePooling2D", """{"keepdims": true}""", new[] { 2, 6, 7 }, "(None, 2, 1, 1)", 0)]
    [TestCase("GlobalMaxPooling3D", """{"keepdims": false}""", new[] { 2, 3, 4, 5 }, "(None, 2)", 0)]
    [TestCase("ZeroPadding2D", """{"padding": [[1, 0], [2, 3]]}""", new[] { 2, 6, 7 }, "(None, 2, 7, 12)", 0)]
    [TestCase("Cropping3D", """{"cropping": [[1, 0], [0, 1], [2, 2]]}""", new[] { 2, 3, 4, 5 }, "(None, 2, 2, 3, 1)", 0)]
    [TestCase("UpSampling2D", """{"size": [2, 3], "interpolation": "nearest"}""", new[] { 2, 6, 7 }, "(None, 2, 12, 21)", 0)]
    [TestCase("ConvLSTM1D", """{"filters": 3, "kernel_size": 2, "return_sequences": true}""", new[] { 4, 2, 6 }, "(None, 4, 3, 5)", 2 * 2 * 12 + 2 * 3 * 12 + 12)]
    [TestCase("ConvLSTM2D", """{"filters": 3, "kernel_size": [3, 2], "padding": "same"}""", new[] { 4, 2, 5, 6 }, "(None, 3, 5, 6)", 3 * 2 * 2 * 12 + 3 * 2 * 3 * 12 + 12)]
    public void Channels_first_config_loads_with_kerass_output_shape(string className, string config, int[] inputShape, string expected, int parameters)
    {
        JsonObject c = JsonNode.Parse(config)!.AsObject();
        c["data_format"] = "channels_first";
        Model model = ModelLoader.FromJson(KerasJson.Sequential([null, .. inputShape.Select(d => (int?)d)], className, c));
        Layer layer = model.Layers.Single();
        Assert.That(layer.GetType().GetProperty("DataFormat")!.GetValue(layer), Is.EqualTo("channels_first"));
        Assert.That(ShapeUtil.Format(layer.OutputShapes.Single()), Is.EqualTo(expected));
        Assert.That(layer.CountParams(), Is.EqualTo(parameters));
        Assert.That(ModelSummary.Text(model), Does.Contain(expected));
        Tensor y = model.Call([RnnParity.Tests.Layers.SeededTensors.Uniform(1, [3, .. inputShape])])[0];
        Assert.That(ShapeUtil.Format(y.Shape), Is.EqualTo(expected.Replace("None", "3")));
    }
}
