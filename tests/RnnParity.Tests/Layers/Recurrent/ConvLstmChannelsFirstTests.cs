using RnnParity.Core.Tensors;
using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.SeededTensors;
using static RnnParity.Tests.Layers.Convolutional.ChannelsFirstParity;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// ConvLSTM1D/2D/3D with <c>data_format="channels_first"</c>: frames (channels, s…) after (batch, time), outputs and
/// states (filters, o…), the transposition of the channels_last run with the same kernels (conv_lstm.py keeps the
/// kernel (k…, channels, 4·filters)); the (batch, time) mask is honoured and passed on as with channels_last.
/// </summary>
[TestFixture]
public sealed class ConvLstmChannelsFirstTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public void ConvLSTM2D_channels_first_is_the_transposed_channels_last_run(bool returnSequences, bool goBackwards)
    {
        ConvLSTM2D Make(string format) => new(3, [2, 3], [1, 2], "same", format, returnSequences: returnSequences, returnState: true, goBackwards: goBackwards);
        Tensor x = Uniform(11, 2, 4, 5, 6, 2).WithMask(PostPadding(4, 0, 2));
        int[] sequence = [0, 1, 4, 2, 3], state = [0, 3, 1, 2];
        IReadOnlyList<Tensor> y = AssertTransposed(Make("channels_last"), Make("channels_first"), x, sequence, returnSequences ? sequence : state, state, state);
        Assert.That(y[0].Mask, returnSequences ? Is.EqualTo(x.Mask) : Is.Null, "the mask passes on with return_sequences only");
    }

    [Test]
    public void ConvLSTM1D_and_3D_channels_first_are_the_transposed_channels_last_runs()
    {
        AssertTransposed(new ConvLSTM1D(2, 3, dataFormat: "channels_last", returnSequences: true), new ConvLSTM1D(2, 3, dataFormat: "channels_first", returnSequences: true),
            Uniform(12, 2, 3, 7, 3), [0, 1, 3, 2], [0, 1, 3, 2]);
        AssertTransposed(new ConvLSTM3D(2, [2, 2, 1], dataFormat: "channels_last"), new ConvLSTM3D(2, [2, 2, 1], dataFormat: "channels_first"),
            Uniform(13, 2, 3, 4, 3, 2, 2), [0, 1, 5, 2, 3, 4], [0, 4, 1, 2, 3]);
    }

    [Test]
    public void Initial_states_are_given_channels_first()
    {
        Tensor x = Uniform(14, 2, 3, 4, 5, 2), h = Uniform(15, 2, 4, 5, 3), c = Uniform(16, 2, 4, 5, 3);
        var last = new ConvLSTM2D(3, [3, 3], padding: "same", dataFormat: "channels_last", returnSequences: true);
        var first = new ConvLSTM2D(3, [3, 3], padding: "same", dataFormat: "channels_first", returnSequences: true);
        last.Build(Symbolic(x.Shape));
        first.Build(Symbolic(Transposed(x, 0, 1, 4, 2, 3).Shape));
        for (int i = 0; i < last.Weights.Count; i++)
            Uniform(20 + i, last.Weights[i].Shape).Data.CopyTo(last.Weights[i].Data, 0);
        for (int i = 0; i < last.Weights.Count; i++)
            last.Weights[i].Data.CopyTo(first.Weights[i].Data, 0);

        Tensor expected = Transposed(last.Call([x, h, c])[0], 0, 1, 4, 2, 3);
        Tensor actual = first.Call([Transposed(x, 0, 1, 4, 2, 3), Transposed(h, 0, 3, 1, 2), Transposed(c, 0, 3, 1, 2)])[0];
        Assert.That((actual.Shape, actual.Data), Is.EqualTo((expected.Shape, expected.Data)));
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => first.Call([Transposed(x, 0, 1, 4, 2, 3), h, c]))!;
        Assert.That(e.Option, Is.EqualTo("initial_state"));
        Assert.That(e.Message, Does.Contain("(2, 3, 4, 5)"), "the expected channels_first state shape");
    }

    [Test]
    public void Bidirectional_keeps_the_format_in_both_copies_and_concatenates_the_last_axis_as_keras()
    {
        // Keras's Bidirectional.compute_output_shape adds the two last axes whatever the data_format.
        var layer = new Bidirectional(new ConvLSTM2D(3, [2, 3], padding: "same", dataFormat: "channels_first", returnSequences: true));
        layer.Build([null, 4, 2, 4, 5]);
        Assert.That(((ConvLSTM2D)layer.Forward).DataFormat, Is.EqualTo("channels_first"));
        Assert.That(((ConvLSTM2D)layer.Backward).DataFormat, Is.EqualTo("channels_first"));
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 4, 3, 4, 10 }));
    }

    [Test]
    public void Output_shapes_as_conv_lstm_test_channels_first()
    {
        // conv_lstm2d_test.py test_basics channels_first: (3, 2, 4, 4, 4) with 5 filters, kernel 3 → (3, 5, 2, 2).
        var layer = new ConvLSTM2D(5, [3, 3], dataFormat: "channels_first");
        layer.Build([3, 2, 4, 4, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { 3, 5, 2, 2 }));
        Assert.That(layer.Weights[0].Shape, Is.EqualTo(new[] { 3, 3, 4, 20 }));
        Assert.That(layer.DataFormat, Is.EqualTo("channels_first"));
    }
}
