using RnnParity.Layers.Summary;

namespace RnnParity.Tests.Layers.Summary;

/// <summary>
/// The Keras 2 layouts. <see cref="SummaryStyle.Keras2"/> follows tf.keras 2.9–2.12
/// <c>keras/utils/layer_utils.py::print_summary</c> (leading space per row, a line of spaces after every layer,
/// totals without memory size); the expected texts were produced by a line-by-line transcription of that function.
/// <see cref="SummaryStyle.Keras2Legacy"/> is checked against the summary printed in the RNN tutorial notes.
/// Lines are listed one by one so that their trailing spaces stay visible.
/// </summary>
[TestFixture]
public sealed class SummaryKeras2Tests
{
    private static string Text(params string[] lines) => string.Join("\n", lines) + "\n";

    [Test]
    public void Tutorial_42_parameter_model_in_tf_keras_2_layout()
    {
        var data = SummaryData.ForFloat32(
            "sequential", [new SummaryRow("simple_rnn", "SimpleRNN", [[null, 3]], 42)], sequentialLike: true, 42, 0);
        string expected = Text(
            "Model: \"sequential\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " simple_rnn (SimpleRNN)      (None, 3)                 42        ",
            "                                                                 ",
            "=================================================================",
            "Total params: 42",
            "Trainable params: 42",
            "Non-trainable params: 0",
            "_________________________________________________________________");
        Assert.That(SummaryFormatter.DefaultLineLength(true, SummaryStyle.Keras2), Is.EqualTo(65));
        Assert.That(SummaryFormatter.Format(data, style: SummaryStyle.Keras2), Is.EqualTo(expected));
    }

    [Test]
    public void Tutorial_42_parameter_model_in_keras_2_0_layout_matches_the_notes()
    {
        var data = SummaryData.ForFloat32(
            "sequential_1", [new SummaryRow("simple_rnn_1", "SimpleRNN", [[null, 3]], 42)], sequentialLike: true, 42, 0);
        string expected = Text(TutorialNotes.Keras2SummaryOf42ParameterModel);
        Assert.That(SummaryFormatter.Format(data, style: SummaryStyle.Keras2Legacy), Is.EqualTo(expected));
    }

    [Test]
    public void Batch_size_8_in_keras_2_0_layout_matches_the_notes()
    {
        var data = SummaryData.ForFloat32(
            "sequential_2", [new SummaryRow("simple_rnn_2", "SimpleRNN", [[8, 3]], 42)], sequentialLike: true, 42, 0);
        string text = SummaryFormatter.Format(data, style: SummaryStyle.Keras2Legacy);
        Assert.That(text.Split('\n')[3], Is.EqualTo("simple_rnn_2 (SimpleRNN)     (8, 3)                    42        "));
    }

    [Test]
    public void Multiple_outputs_wrap_after_the_first_tuple()
    {
        var data = SummaryData.ForFloat32(
            "model",
            [
                new SummaryRow("input_1", "InputLayer", [[null, 5, 4]], 0),
                new SummaryRow("simple_rnn", "SimpleRNN", [[null, 5, 3], [null, 3]], 24),
            ],
            sequentialLike: true, 24, 0);
        string expected = Text(
            "Model: \"model\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " input_1 (InputLayer)        [(None, 5, 4)]            0         ",
            "                                                                 ",
            " simple_rnn (SimpleRNN)      [(None, 5, 3),            24        ",
            "                              (None, 3)]                         ",
            "                                                                 ",
            "=================================================================",
            "Total params: 24",
            "Trainable params: 24",
            "Non-trainable params: 0",
            "_________________________________________________________________");
        Assert.That(SummaryFormatter.Format(data, style: SummaryStyle.Keras2), Is.EqualTo(expected));
    }

    [Test]
    public void Functional_connected_to_prints_the_python_list()
    {
        var data = SummaryData.ForFloat32(
            "model",
            [
                new SummaryRow("input_1", "InputLayer", [[null, 6, 3]], 0, []),
                new SummaryRow("input_2", "InputLayer", [[null, 4]], 0, []),
                new SummaryRow("simple_rnn", "SimpleRNN", [[null, 6, 4]], 32, ["input_1[0][0]", "input_2[0][0]"]),
            ],
            sequentialLike: false, 32, 0);
        string expected = Text(
            "Model: \"model\"",
            "__________________________________________________________________________________________________",
            " Layer (type)                Output Shape                 Param #   Connected to                  ",
            "==================================================================================================",
            " input_1 (InputLayer)        [(None, 6, 3)]               0         []                            ",
            "                                                                                                  ",
            " input_2 (InputLayer)        [(None, 4)]                  0         []                            ",
            "                                                                                                  ",
            " simple_rnn (SimpleRNN)      (None, 6, 4)                 32        ['input_1[0][0]',             ",
            "                                                                     'input_2[0][0]']             ",
            "                                                                                                  ",
            "==================================================================================================",
            "Total params: 32",
            "Trainable params: 32",
            "Non-trainable params: 0",
            "__________________________________________________________________________________________________");
        Assert.That(SummaryFormatter.DefaultLineLength(false, SummaryStyle.Keras2), Is.EqualTo(98));
        Assert.That(SummaryFormatter.Format(data, style: SummaryStyle.Keras2), Is.EqualTo(expected));
    }

    [Test]
    public void Params_column_has_no_separator_but_totals_do()
    {
        var data = SummaryData.ForFloat32(
            "sequential",
            [
                new SummaryRow("embedding", "Embedding", [[null, 20, 32]], 6400),
                new SummaryRow("simple_rnn", "SimpleRNN", [[null, 32]], 2080),
                new SummaryRow("dense", "Dense", [[null, 1]], 33),
                new SummaryRow("one_d", "Dense", [[5]], 0),
            ],
            sequentialLike: true, 8513, 0);
        string expected = Text(
            "Model: \"sequential\"",
            "_________________________________________________________________",
            " Layer (type)                Output Shape              Param #   ",
            "=================================================================",
            " embedding (Embedding)       (None, 20, 32)            6400      ",
            "                                                                 ",
            " simple_rnn (SimpleRNN)      (None, 32)                2080      ",
            "                                                                 ",
            " dense (Dense)               (None, 1)                 33        ",
            "                                                                 ",
            " one_d (Dense)               (5,)                      0         ",
            "                                                                 ",
            "=================================================================",
            "Total params: 8,513",
            "Trainable params: 8,513",
            "Non-trainable params: 0",
            "_________________________________________________________________");
        Assert.That(SummaryFormatter.Format(data, style: SummaryStyle.Keras2), Is.EqualTo(expected));
    }
}
