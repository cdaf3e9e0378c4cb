using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>The two ways Keras names one weight: in the model that built it, and in a model loaded from a file.</summary>
public class WeightNamingTests
{
    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "sequential/bidirectional/forward_lstm/lstm_cell/kernel", ExpectedResult = true)]
    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "forward_lstm/lstm_cell/kernel", ExpectedResult = true)]
    [TestCase("decoder_output/dense_1/kernel", "dense_1/kernel", ExpectedResult = true)]
    [TestCase("sequential/simple_rnn/simple_rnn_cell/kernel", "simple_rnn/simple_rnn_cell/kernel", ExpectedResult = true)]
    [TestCase("sequential/simple_rnn/simple_rnn_cell/kernel", "simple_rnn_cell/recurrent_kernel", ExpectedResult = false)]
    [TestCase("sequential/simple_rnn/simple_rnn_cell/kernel", "rnn/simple_rnn_cell/kernel", ExpectedResult = false)]
    [TestCase("sequential/dense/kernel", "", ExpectedResult = false)]
    [TestCase("sequential/dense/kernel", "sequential/dense_1/kernel", ExpectedResult = false)]
    public bool SamePath(string expected, string given) => WeightNaming.SamePath(expected, given);

    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "bidirectional", "bidirectional", ExpectedResult = true)]
    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "bidirectional", "forward_lstm", ExpectedResult = true)]
    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "bidirectional", "backward_lstm", ExpectedResult = false)]
    [TestCase("sequential/bidirectional/forward_lstm/lstm_cell/kernel", "bidirectional", "kernel", ExpectedResult = false)]
    public bool SameOwner(string path, string topLevel, string given) => WeightNaming.SameOwner(path, topLevel, given);
}
