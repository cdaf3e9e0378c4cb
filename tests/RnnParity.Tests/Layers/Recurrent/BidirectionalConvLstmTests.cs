using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// <see cref="Bidirectional"/> around ConvLSTM1D/2D, as Keras allows (<c>keras/src/layers/rnn/bidirectional.py</c>
/// takes any RNN): per Keras's docs the output is merge(forward(x), reverse_time(backward(x))) with the backward
/// copy running go_backwards, both copies forced to <c>zero_output_for_mask = return_sequences</c>; concat joins
/// along the last (filters) axis. Computed here from two stand-alone ConvLSTM layers holding the same weights.
/// </summary>
[TestFixture]
public sealed class BidirectionalConvLstmTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static double Merge(MergeMode mode, float a, float b) => mode switch
    {
        MergeMode.Sum => (double)a + b,
        MergeMode.Mul => (double)a * b,
        MergeMode.Ave => ((double)a + b) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    [TestCase(MergeMode.Concat, true, false)]
    [TestCase(MergeMode.Concat, false, true)]
    [TestCase(MergeMode.Sum, true, true)]
    [TestCase(MergeMode.Mul, false, false)]
    [TestCase(MergeMode.Ave, true, true)]
    public void ConvLSTM2D_merges_forward_and_reversed_backward(MergeMode mode, bool sequences, bool masked)
    {
        Tensor x = Uniform(30, 2, 4, 4, 5, 2);
        if (masked) x.Mask = Mask(new[,] { { 1, 1, 1, 0 }, { 1, 0, 1, 1 } });
        ConvLSTM2D Make(bool backwards) => new(3, [3, 2], padding: "same", returnSequences: sequences, goBackwards: backwards, zeroOutputForMask: sequences);
        var layer = new Bidirectional(Make(false), mode);
        layer.Build([null, 4, 4, 5, 2]);
        for (int i = 0; i < layer.Weights.Count; i++) Uniform(31 + i, layer.Weights[i].Shape).Data.CopyTo(layer.Weights[i].Data, 0);
        ConvLSTM2D forward = Make(false), backward = Make(true);
        forward.Build([null, 4, 4, 5, 2]);
        backward.Build([null, 4, 4, 5, 2]);
        for (int i = 0; i < 3; i++)
        {
            layer.Weights[i].Data.CopyTo(forward.Weights[i].Data, 0);
            layer.Weights[3 + i].Data.CopyTo(backward.Weights[i].Data, 0);
        }
        Tensor y = forward.Call(x), yRev = backward.Call(x);
        if (sequences) yRev = TimeAxis.Reverse(yRev);

        Tensor actual = layer.Call(x);
        int f = 3, rows = y.Length / f;
        int[] shape = mode == MergeMode.Concat ? [.. y.Shape[..^1], 2 * f] : y.Shape;
        var expected = new double[rows * shape[^1]];
        for (int r = 0; r < rows; r++)
            for (int u = 0; u < f; u++)
                if (mode == MergeMode.Concat)
                {
                    expected[r * 2 * f + u] = y.Data[r * f + u];
                    expected[r * 2 * f + f + u] = yRev.Data[r * f + u];
                }
                else expected[r * f + u] = Merge(mode, y.Data[r * f + u], yRev.Data[r * f + u]);
        AssertClose(actual, shape, expected, 1e-6);
        Assert.That(layer.OutputShapes[0][1..], Is.EqualTo(shape[1..].Select(d => (int?)d)));
        Assert.That(actual.Mask, Is.EqualTo(sequences ? x.Mask : null), "the mask goes on with sequence outputs only");
    }

    [Test]
    public void ConvLSTM1D_copies_have_kerass_names_weights_and_states()
    {
        var layer = new Bidirectional(new ConvLSTM1D(2, 3, padding: "same", returnState: true, name: "conv_lstm1d"), MergeMode.None, name: "bidirectional");
        layer.Build([null, 5, 6, 3]);
        Assert.That(layer.WeightPaths().Select(p => p.Path), Is.EqualTo(new[]
        {
            "bidirectional/forward_conv_lstm1d/conv_lstm_cell/kernel", "bidirectional/forward_conv_lstm1d/conv_lstm_cell/recurrent_kernel", "bidirectional/forward_conv_lstm1d/conv_lstm_cell/bias",
            "bidirectional/backward_conv_lstm1d/conv_lstm_cell/kernel", "bidirectional/backward_conv_lstm1d/conv_lstm_cell/recurrent_kernel", "bidirectional/backward_conv_lstm1d/conv_lstm_cell/bias",
        }));
        Assert.That(layer.CountParams(), Is.EqualTo(2 * (3 * 3 * 8 + 3 * 2 * 8 + 8)));
        Assert.That(layer.OutputShapes.Select(ShapeUtil.Format), Is.EqualTo(Enumerable.Repeat("(None, 6, 2)", 6)), "two outputs, then h, c forward and backward");
        Assert.That(layer.Call([Uniform(3, 2, 5, 6, 3)]).Select(t => t.Shape), Has.All.EqualTo(new[] { 2, 6, 2 }));
    }
}
