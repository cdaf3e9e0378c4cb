using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary><see cref="ConvLSTM2D"/> and <see cref="ConvLSTM3D"/> in C# and <c>python/numpy_layers/conv_lstm.py</c> on the same seeded inputs, masks and weights.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class ConvLstm2DParityTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static void Compare(ConvLSTM layer, string className, string config, Tensor x, int seed)
    {
        layer.Build([null, .. x.Shape[1..].Select(d => (int?)d)]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(seed + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        SequenceLayersParityTests.Compare(layer, className, config, weights, [x]);
    }

    [TestCase(3, 1, "valid", 1, false, false, false)]
    [TestCase(3, 2, "same", 1, true, false, true)]
    [TestCase(2, 1, "same", 2, false, true, true)]
    [TestCase(2, 1, "same", 1, true, true, false)]
    public void ConvLSTM2D_matches_numpy(int kernel, int strides, string padding, int dilation, bool returnSequences, bool goBackwards, bool masked)
    {
        Tensor x = SeededTensors.Uniform(80, 2, 4, 5, 6, 2);
        if (masked) x = SequenceLayersParityTests.Masked(x, 4);
        var layer = new ConvLSTM2D(3, [kernel, kernel], [strides, strides], padding, dilationRate: [dilation, dilation],
            returnSequences: returnSequences, goBackwards: goBackwards, zeroOutputForMask: masked);
        string flag(bool b) => b ? "true" : "false";
        string config = $$"""{"filters": 3, "kernel_size": [{{kernel}}, {{kernel}}], "strides": [{{strides}}, {{strides}}], "padding": "{{padding}}", "dilation_rate": [{{dilation}}, {{dilation}}], "return_sequences": {{flag(returnSequences)}}, "go_backwards": {{flag(goBackwards)}}, "zero_output_for_mask": {{flag(masked)}}}""";
        Compare(layer, "ConvLSTM2D", config, x, 81);
    }

    [Test]
    public void ConvLSTM3D_matches_numpy()
    {
        Tensor x = SeededTensors.Uniform(90, 2, 3, 3, 4, 4, 2);
        var layer = new ConvLSTM3D(2, [2, 3, 2], padding: "same", returnSequences: true, recurrentActivation: "hard_sigmoid");
        Compare(layer, "ConvLSTM3D", """{"filters": 2, "kernel_size": [2, 3, 2], "padding": "same", "return_sequences": true, "recurrent_activation": "hard_sigmoid"}""", x, 91);
    }

    [TestCase("ConvLSTM1D", "concat", true)]
    [TestCase("ConvLSTM2D", "sum", true)]
    [TestCase("ConvLSTM2D", "ave", false)]
    [TestCase("ConvLSTM2D", "mul", true)]
    public void Bidirectional_ConvLSTM_matches_numpy(string className, string mergeMode, bool masked)
    {
        bool twoD = className == "ConvLSTM2D";
        Tensor x = SeededTensors.Uniform(95, twoD ? [2, 4, 4, 5, 2] : [2, 4, 6, 2]);
        if (masked) x = SequenceLayersParityTests.Masked(x, 5);
        ConvLSTM wrapped = twoD ? new ConvLSTM2D(3, [2, 3], padding: "same", returnSequences: true) : new ConvLSTM1D(3, 3, padding: "same", returnSequences: true);
        var layer = new Bidirectional(wrapped, Enum.Parse<MergeMode>(mergeMode, ignoreCase: true));
        layer.Build([null, .. x.Shape[1..].Select(d => (int?)d)]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(96 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        string kernel = twoD ? "[2, 3]" : "[3]";
        string inner = $$"""{"name": "inner", "filters": 3, "kernel_size": {{kernel}}, "padding": "same", "return_sequences": true}""";
        string config = $$"""{"merge_mode": "{{mergeMode}}", "layer": {"class_name": "{{className}}", "config": {{inner}} } }""";
        SequenceLayersParityTests.Compare(layer, "Bidirectional", config, weights, [x]);
    }
}
