using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;
using RnnParity.Tests.Layers;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary><see cref="ConvLSTM1D"/> in C# and <c>python/numpy_layers/rnn.py</c> on the same seeded inputs, masks and weights.</summary>
[TestFixture, Category(PythonEnvironment.LiveNumPy)]
public sealed class ConvLstm1DParityTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase(3, 1, "valid", 1, false, false, false)]
    [TestCase(3, 2, "same", 1, true, false, true)]
    [TestCase(2, 1, "same", 2, false, true, true)]
    [TestCase(5, 1, "same", 1, true, true, false)]
    public void Matches_numpy(int kernel, int strides, string padding, int dilation, bool returnSequences, bool goBackwards, bool masked)
    {
        Tensor x = SeededTensors.Uniform(60, 2, 6, 9, 3);
        if (masked) x = SequenceLayersParityTests.Masked(x, 3);
        var layer = new ConvLSTM1D(4, kernel, strides, padding, dilationRate: dilation, returnSequences: returnSequences, goBackwards: goBackwards);
        layer.Build([null, 6, 9, 3]);
        var weights = layer.Weights.Select((w, i) => SeededTensors.Uniform(61 + i, w.Shape)).ToList();
        for (int i = 0; i < weights.Count; i++) weights[i].Data.CopyTo(layer.Weights[i].Data, 0);
        string flag(bool b) => b ? "true" : "false";
        string config = $$"""{"filters": 4, "kernel_size": [{{kernel}}], "strides": [{{strides}}], "padding": "{{padding}}", "dilation_rate": [{{dilation}}], "return_sequences": {{flag(returnSequences)}}, "go_backwards": {{flag(goBackwards)}}}""";
        SequenceLayersParityTests.Compare(layer, "ConvLSTM1D", config, weights, [x]);
    }
}
