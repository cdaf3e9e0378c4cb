using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using RnnParity.Layers.Pooling;
using RnnParity.Layers.Reshaping;
using RnnParity.Layers.Wrappers;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// The 2-D/3-D layers in C# and in <c>python/numpy_layers</c> (convolutional, pooling, reshaping, and
/// rnn.py's TimeDistributed over them) on the same seeded inputs and weights.
/// </summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class Layers2DParityTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static void Run(Layer layer, string className, string config, int[] input, int seed)
    {
        Tensor x = SeededTensors.Uniform(seed, input);
        layer.Build([null, .. input[1..].Select(d => (int?)d)]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(seed + 1 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        SequenceLayersParityTests.Compare(layer, className, config, weights, [x]);
    }

    [TestCase(new[] { 3, 3 }, new[] { 1, 1 }, "same", new[] { 1, 1 }, 1)]
    [TestCase(new[] { 4, 3 }, new[] { 2, 3 }, "same", new[] { 1, 1 }, 2)]
    [TestCase(new[] { 2, 2 }, new[] { 1, 1 }, "valid", new[] { 2, 3 }, 2)]
    [TestCase(new[] { 2, 3 }, new[] { 2, 1 }, "valid", new[] { 1, 1 }, 1)]
    public void Conv2D_matches_numpy(int[] kernel, int[] strides, string padding, int[] dilation, int groups)
    {
        string config = $$"""{"filters": 4, "kernel_size": [{{kernel[0]}}, {{kernel[1]}}], "strides": [{{strides[0]}}, {{strides[1]}}], "padding": "{{padding}}", "dilation_rate": [{{dilation[0]}}, {{dilation[1]}}], "groups": {{groups}}, "activation": "relu"}""";
        Run(new Conv2D(4, kernel, strides, padding, dilationRate: dilation, groups: groups, activation: "relu"), "Conv2D", config, [2, 7, 8, 4], 70);
    }

    [Test]
    public void Conv3D_matches_numpy() =>
        Run(new Conv3D(3, [2, 3, 2], [1, 2, 1], "same", useBias: false), "Conv3D",
            """{"filters": 3, "kernel_size": [2, 3, 2], "strides": [1, 2, 1], "padding": "same", "use_bias": false}""", [2, 4, 5, 4, 2], 71);

    [TestCase("MaxPooling2D", "valid")]
    [TestCase("MaxPooling2D", "same")]
    [TestCase("AveragePooling2D", "valid")]
    [TestCase("AveragePooling2D", "same")]
    public void Pooling2D_matches_numpy(string className, string padding)
    {
        Layer layer = className == "MaxPooling2D" ? new MaxPooling2D([3, 2], [2, 1], padding) : new AveragePooling2D([3, 2], [2, 1], padding);
        Run(layer, className, $$"""{"pool_size": [3, 2], "strides": [2, 1], "padding": "{{padding}}"}""", [2, 7, 6, 3], 72);
    }

    [TestCase("MaxPooling3D")]
    [TestCase("AveragePooling3D")]
    public void Pooling3D_matches_numpy(string className)
    {
        Layer layer = className == "MaxPooling3D" ? new MaxPooling3D([2, 2, 3], null, "same") : new AveragePooling3D([2, 2, 3], null, "same");
        Run(layer, className, """{"pool_size": [2, 2, 3], "padding": "same"}""", [2, 3, 5, 4, 2], 73);
    }

    [TestCase("GlobalMaxPooling2D", false)]
    [TestCase("GlobalAveragePooling2D", true)]
    [TestCase("GlobalMaxPooling3D", true)]
    [TestCase("GlobalAveragePooling3D", false)]
    public void Global_pooling_matches_numpy(string className, bool keepdims)
    {
        Layer layer = className switch
        {
            "GlobalMaxPooling2D" => new GlobalMaxPooling2D(keepdims: keepdims),
            "GlobalAveragePooling2D" => new GlobalAveragePooling2D(keepdims: keepdims),
            "GlobalMaxPooling3D" => new GlobalMaxPooling3D(keepdims: keepdims),
            _ => new GlobalAveragePooling3D(keepdims: keepdims),
        };
        int[] input = className.EndsWith("2D") ? [2, 4, 5, 3] : [2, 3, 4, 5, 3];
        Run(layer, className, $$"""{"keepdims": {{(keepdims ? "true" : "false")}}}""", input, 74);
    }

    [Test]
    public void Padding_cropping_and_upsampling_match_numpy()
    {
        Run(new ZeroPadding2D(((1, 0), (2, 3))), "ZeroPadding2D", """{"padding": [[1, 0], [2, 3]]}""", [2, 3, 4, 2], 75);
        Run(new Cropping2D(((1, 0), (2, 1))), "Cropping2D", """{"cropping": [[1, 0], [2, 1]]}""", [2, 3, 5, 2], 76);
        Run(new UpSampling2D([3, 2]), "UpSampling2D", """{"size": [3, 2]}""", [2, 3, 4, 2], 77);
    }

    [Test]
    public void Padding_cropping_and_upsampling_3d_match_numpy()
    {
        Run(new ZeroPadding3D(((1, 0), (2, 3), (0, 1))), "ZeroPadding3D", """{"padding": [[1, 0], [2, 3], [0, 1]]}""", [2, 3, 2, 4, 2], 79);
        Run(new Cropping3D(((1, 0), (0, 2), (1, 1))), "Cropping3D", """{"cropping": [[1, 0], [0, 2], [1, 1]]}""", [2, 3, 4, 5, 2], 80);
        Run(new UpSampling3D([2, 3, 1]), "UpSampling3D", """{"size": [2, 3, 1]}""", [2, 2, 3, 2, 2], 81);
    }

    [Test]
    public void TimeDistributed_over_conv2d_matches_numpy()
    {
        var layer = new TimeDistributed(new Conv2D(3, [3, 2], [1, 2], "same", activation: "tanh"));
        string inner = """{"class_name": "Conv2D", "config": {"filters": 3, "kernel_size": [3, 2], "strides": [1, 2], "padding": "same", "activation": "tanh"}}""";
        Run(layer, "TimeDistributed", $$"""{"layer": {{inner}}}""", [2, 4, 5, 6, 2], 78);
    }
}
