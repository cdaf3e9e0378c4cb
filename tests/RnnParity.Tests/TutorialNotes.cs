namespace RnnParity.Tests;

/// <summary>Documented facts from rnn-tutorial-notes.md (Keras 2.0–2.3 output), used as expected values.</summary>
public static class TutorialNotes
{
    /// <summary>The summary table the notes print for <c>SimpleRNN(3, input_shape=(2, 10))</c>, trailing spaces included.</summary>
    public static readonly string[] Keras2SummaryOf42ParameterModel =
    [
        "_________________________________________________________________",
        "Layer (type)                 Output Shape              Param #   ",
        "=================================================================",
        "simple_rnn_1 (SimpleRNN)     (None, 3)                 42        ",
        "=================================================================",
        "Total params: 42",
        "Trainable params: 42",
        "Non-trainable params: 0",
        "_________________________________________________________________",
    ];
}
