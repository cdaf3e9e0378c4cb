using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Convolutional;
using RnnParity.Layers.Pooling;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Reshaping;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>The 2-D/3-D layers with <c>data_format="channels_first"</c> in C# and in <c>python/numpy_layers</c>
/// (channels_first by transposition on both sides) on the same seeded channels_first inputs and weights.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class ChannelsFirstParityTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static void Run(Layer layer, string className, string config, Tensor x, int seed)
    {
        layer.Build([null, .. x.Shape[1..].Select(d => (int?)d)]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(seed + 1 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        SequenceLayersParityTests.Compare(layer, className, config.Replace("}", ", \"data_format\": \"channels_first\"}"), weights, [x]);
    }

    const string First = "channels_first";

    [Test]
    public void Convolutions_match_numpy()
    {
        Run(new Conv2D(4, [4, 3], [2, 3], "same", First, groups: 2, activation: "relu"), "Conv2D",
            """{"filters": 4, "kernel_size": [4, 3], "strides": [2, 3], "padding": "same", "groups": 2, "activation": "relu"}""", SeededTensors.Uniform(60, 2, 4, 7, 8), 60);
        Run(new Conv3D(3, [2, 3, 2], [1, 2, 1], "same", First), "Conv3D",
            """{"filters": 3, "kernel_size": [2, 3, 2], "strides": [1, 2, 1], "padding": "same"}""", SeededTensors.Uniform(61, 2, 2, 4, 5, 4), 61);
    }

    [Test]
    public void Pooling_and_global_pooling_match_numpy()
    {
        Run(new MaxPooling2D([3, 2], [2, 1], "same", First), "MaxPooling2D", """{"pool_size": [3, 2], "strides": [2, 1], "padding": "same"}""", SeededTensors.Uniform(62, 2, 3, 7, 6), 62);
        Run(new AveragePooling3D([2, 2, 3], null, "same", First), "AveragePooling3D", """{"pool_size": [2, 2, 3], "padding": "same"}""", SeededTensors.Uniform(63, 2, 2, 3, 5, 4), 63);
        Run(new GlobalAveragePooling2D(First, keepdims: true), "GlobalAveragePooling2D", """{"keepdims": true}""", SeededTensors.Uniform(64, 2, 3, 4, 5), 64);
        Run(new GlobalMaxPooling3D(First), "GlobalMaxPooling3D", """{"keepdims": false}""", SeededTensors.Uniform(65, 2, 3, 3, 4, 5), 65);
    }

    [Test]
    public void Padding_cropping_and_upsampling_match_numpy()
    {
        Run(new ZeroPadding2D(((1, 0), (2, 3)), First), "ZeroPadding2D", """{"padding": [[1, 0], [2, 3]]}""", SeededTensors.Uniform(66, 2, 2, 3, 4), 66);
        Run(new Cropping3D(((1, 0), (0, 2), (1, 1)), First), "Cropping3D", """{"cropping": [[1, 0], [0, 2], [1, 1]]}""", SeededTensors.Uniform(67, 2, 2, 3, 4, 5), 67);
        Run(new UpSampling3D([2, 3, 1], First), "UpSampling3D", """{"size": [2, 3, 1]}""", SeededTensors.Uniform(68, 2, 2, 2, 3, 2), 68);
    }

    [Test]
    public void ConvLSTM2D_matches_numpy()
    {
        Tensor x = SequenceLayersParityTests.Masked(SeededTensors.Uniform(69, 2, 4, 2, 5, 6), 4);
        Run(new ConvLSTM2D(3, [2, 3], [1, 2], "same", First, returnSequences: true, goBackwards: true), "ConvLSTM2D",
            """{"filters": 3, "kernel_size": [2, 3], "strides": [1, 2], "padding": "same", "return_sequences": true, "go_backwards": true}""", x, 69);
    }

    /// <summary>Keras's Bidirectional concatenates along the last axis whatever the format, so a channels_first
    /// ConvLSTM2D's two directions are joined along its last spatial axis; both sides do so.</summary>
    [Test]
    public void Bidirectional_ConvLSTM2D_concat_matches_numpy()
    {
        Tensor x = SequenceLayersParityTests.Masked(SeededTensors.Uniform(70, 2, 4, 2, 4, 5), 4);
        var layer = new Bidirectional(new ConvLSTM2D(3, [2, 3], padding: "same", dataFormat: First, returnSequences: true), MergeMode.Concat);
        layer.Build([null, .. x.Shape[1..].Select(d => (int?)d)]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 4, 3, 4, 10 }));
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(71 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        string inner = """{"name": "inner", "filters": 3, "kernel_size": [2, 3], "padding": "same", "return_sequences": true, "data_format": "channels_first"}""";
        SequenceLayersParityTests.Compare(layer, "Bidirectional", $$"""{"merge_mode": "concat", "layer": {"class_name": "ConvLSTM2D", "config": {{inner}} } }""", weights, [x]);
    }
}
