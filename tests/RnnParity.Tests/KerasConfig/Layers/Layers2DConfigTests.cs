using System.Text.Json.Nodes;
using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using RnnParity.Layers.Models;
using RnnParity.Layers.Pooling;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Reshaping;
using RnnParity.Layers.Wrappers;

namespace RnnParity.Tests.KerasConfig.Layers;

/// <summary>
/// The 2-D/3-D layers built by <see cref="ModelLoader.FromJson"/> from Keras-3-shaped JSON (tuples as lists,
/// Keras's aliases), alone and inside <c>TimeDistributed</c> on a video-like (batch, time, rows, cols,
/// channels) input, with Keras's output shapes and parameter counts; bad or unsupported configs refused.
/// </summary>
[TestFixture]
public sealed class Layers2DConfigTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Model LoadModel(string className, string config, params int?[] batchShape) =>
        ModelLoader.FromJson(KerasJson.Sequential(batchShape, className, JsonNode.Parse(config)!.AsObject()));

    static Layer Load(string className, string config, params int?[] batchShape) => LoadModel(className, config, batchShape).Layers.Single();

    // Shapes from Keras's compute_output_shape rules; params = prod(kernel)·C/groups·filters + filters.
    [TestCase("Conv2D", """{"filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true}""", new[] { 6, 7, 2 }, "(None, 6, 7, 4)", 76)]
    [TestCase("Convolution2D", """{"filters": 4, "kernel_size": 2, "strides": [2, 1], "groups": 2}""", new[] { 6, 7, 2 }, "(None, 3, 6, 4)", 20)]
    [TestCase("Conv3D", """{"filters": 2, "kernel_size": [1, 2, 3], "use_bias": false}""", new[] { 3, 4, 5, 2 }, "(None, 3, 3, 3, 2)", 24)]
    [TestCase("MaxPooling2D", """{"pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}""", new[] { 5, 7, 3 }, "(None, 2, 3, 3)", 0)]
    [TestCase("MaxPool2D", """{"pool_size": 3, "strides": null, "padding": "same"}""", new[] { 5, 7, 3 }, "(None, 2, 3, 3)", 0)]
    [TestCase("AvgPool2D", """{"pool_size": [2, 3], "strides": [1, 2], "padding": "same"}""", new[] { 5, 7, 3 }, "(None, 5, 4, 3)", 0)]
    [TestCase("AveragePooling3D", """{"pool_size": [1, 2, 2]}""", new[] { 3, 4, 5, 2 }, "(None, 3, 2, 2, 2)", 0)]
    [TestCase("GlobalMaxPooling2D", """{"data_format": "channels_last", "keepdims": false}""", new[] { 5, 7, 3 }, "(None, 3)", 0)]
    [TestCase("GlobalAvgPool2D", """{"keepdims": true}""", new[] { 5, 7, 3 }, "(None, 1, 1, 3)", 0)]
    [TestCase("GlobalMaxPool3D", """{}""", new[] { 3, 4, 5, 2 }, "(None, 2)", 0)]
    [TestCase("ZeroPadding2D", """{"padding": [[1, 0], [2, 3]], "data_format": "channels_last"}""", new[] { 5, 7, 3 }, "(None, 6, 12, 3)", 0)]
    [TestCase("ZeroPadding2D", """{"padding": [1, 2]}""", new[] { 5, 7, 3 }, "(None, 7, 11, 3)", 0)]
    [TestCase("Cropping2D", """{"cropping": [[1, 0], [2, 3]], "data_format": "channels_last"}""", new[] { 5, 7, 3 }, "(None, 4, 2, 3)", 0)]
    [TestCase("Cropping2D", """{"cropping": 1}""", new[] { 5, 7, 3 }, "(None, 3, 5, 3)", 0)]
    [TestCase("UpSampling2D", """{"size": [2, 3], "data_format": "channels_last", "interpolation": "nearest"}""", new[] { 5, 7, 3 }, "(None, 10, 21, 3)", 0)]
    public void Keras3_config_loads_with_kerass_output_shape(string className, string config, int[] inputShape, string expected, int parameters)
    {
        Layer layer = Load(className, config, [null, .. inputShape.Select(d => (int?)d)]);
        Assert.That(ShapeUtil.Format(layer.OutputShapes.Single()), Is.EqualTo(expected));
        Assert.That(layer.CountParams(), Is.EqualTo(parameters));
    }

    [Test]
    public void TimeDistributed_runs_2d_layers_over_every_frame()
    {
        string inner = """{"module": "keras.layers", "class_name": "Conv2D", "config": {"name": "conv2d", "filters": 3, "kernel_size": [3, 3], "padding": "same", "activation": "relu"}, "registered_name": null}""";
        Model model = LoadModel("TimeDistributed", $$"""{"layer": {{inner}}}""", null, 4, 8, 8, 2);
        var td = (TimeDistributed)model.Layers.Single();
        Assert.That(td.Layer, Is.TypeOf<Conv2D>());
        Assert.That(ShapeUtil.Format(td.OutputShapes[0]), Is.EqualTo("(None, 4, 8, 8, 3)"));
        Assert.That(model.CountParams(), Is.EqualTo(3 * 3 * 2 * 3 + 3));
        Assert.That(ModelSummary.Text(model), Does.Contain("layer_under_test (TimeDistributed)").And.Contain("(None, 4, 8, 8, 3)"));

        // Frame t of the output is the inner Conv2D applied to frame t alone.
        Tensor x = RnnParity.Tests.Layers.SeededTensors.Uniform(5, 2, 4, 8, 8, 2);
        foreach (var w in td.Weights) RnnParity.Tests.Layers.SeededTensors.Uniform(6, w.Shape).Data.CopyTo(w.Data, 0);
        Tensor y = model.Call([x])[0];
        int frame = 8 * 8 * 2, outFrame = 8 * 8 * 3;
        Tensor third = td.Layer.Call(new Tensor([1, 8, 8, 2], x.Data.AsSpan(5 * frame, frame).ToArray()));
        Assert.That(y.Data.AsSpan(5 * outFrame, outFrame).ToArray(), Is.EqualTo(third.Data), "batch 1, frame 1");
    }

    [Test]
    public void ConvLSTM2D_and_3D_load_with_kerass_options_shapes_and_params()
    {
        var two = (ConvLSTM2D)Load("ConvLSTM2D", """{"filters": 3, "kernel_size": [3, 2], "strides": [1, 2], "padding": "same", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "return_sequences": true, "return_state": false, "go_backwards": true, "stateful": false, "unroll": false, "zero_output_for_mask": false, "dropout": 0.0, "recurrent_dropout": 0.0}""", null, 4, 5, 6, 2);
        Assert.That((two.KernelSize, two.Strides, two.GoBackwards, two.ReturnSequences), Is.EqualTo((new[] { 3, 2 }, new[] { 1, 2 }, true, true)));
        Assert.That(ShapeUtil.Format(two.OutputShapes[0]), Is.EqualTo("(None, 4, 5, 3, 3)"));
        Assert.That(two.CountParams(), Is.EqualTo(3 * 2 * 2 * 12 + 3 * 2 * 3 * 12 + 12));
        var three = (ConvLSTM3D)Load("ConvLSTM3D", """{"filters": 2, "kernel_size": 2}""", null, 3, 3, 4, 4, 2);
        Assert.That(ShapeUtil.Format(three.OutputShapes[0]), Is.EqualTo("(None, 2, 3, 3, 2)"));
    }

    [Test]
    public void Bidirectional_wraps_a_ConvLSTM2D_with_kerass_copies()
    {
        string inner = """{"module": "keras.layers", "class_name": "ConvLSTM2D", "config": {"name": "conv_lstm2d", "filters": 2, "kernel_size": [2, 3], "padding": "same", "return_sequences": true}, "registered_name": null}""";
        var layer = (Bidirectional)Load("Bidirectional", $$"""{"merge_mode": "concat", "layer": {{inner}}}""", null, 4, 4, 5, 2);
        Assert.That((layer.Forward.Name, layer.Backward.Name, layer.Backward.Options.GoBackwards), Is.EqualTo(("forward_conv_lstm2d", "backward_conv_lstm2d", true)));
        Assert.That(ShapeUtil.Format(layer.OutputShapes[0]), Is.EqualTo("(None, 4, 4, 5, 4)"));
    }

    [TestCase("Conv2D", """{"filters": 4, "kernel_size": [3, 3], "data_format": "channels_middle"}""", "data_format")]
    [TestCase("ConvLSTM2D", """{"filters": 4, "kernel_size": [3, 3], "unroll": true}""", "unroll")]
    [TestCase("ConvLSTM2D", """{"filters": 4, "kernel_size": [3, 3], "stateful": true}""", "stateful")]
    [TestCase("Conv2D", """{"filters": 4, "kernel_size": [3, 3, 3]}""", "kernel_size")]
    [TestCase("Conv2D", """{"filters": 4, "kernel_size": 3, "padding": "causal"}""", "padding")]
    [TestCase("MaxPooling2D", """{"pool_size": [2, 2], "data_format": "channels_middle"}""", "data_format")]
    [TestCase("UpSampling2D", """{"size": [2, 2], "interpolation": "bilinear"}""", "interpolation")]
    [TestCase("ZeroPadding2D", """{"padding": [1, 2, 3]}""", "padding")]
    public void Bad_or_unsupported_configs_are_refused_by_field(string className, string config, string field)
    {
        var e = Assert.Catch<Exception>(() => LoadModel(className, config, null, 6, 7, 2))!;
        Assert.That(e.Message, Does.Contain(field));
    }
}
