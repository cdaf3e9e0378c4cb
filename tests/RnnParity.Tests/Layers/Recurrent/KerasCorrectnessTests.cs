using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// Keras's <c>simple_rnn_test.py</c> (test_correctness, test_statefulness, test_pass_initial_state, test_masking)
/// ported literally: kernel 0.01, recurrent kernel 0.02, bias 0.03, the same inputs, Keras's expected values and its
/// tolerance (assertAllClose's default atol = rtol = 1e-6).
/// </summary>
[TestFixture]
public sealed class KerasCorrectnessTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static readonly double[,] Last = { { 0.405432, 0.405432, 0.405432, 0.405432 }, { 0.73605347, 0.73605347, 0.73605347, 0.73605347 } };

    [TestCase(false)]
    [TestCase(true)]
    public void SimpleRNN_last_output_matches_keras(bool unroll)
    {
        var layer = Build(new SimpleRNN(4, unroll: unroll), 3, 4);
        AssertAllClose(layer.Call(Arange(2, 3, 4)), Last);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SimpleRNN_go_backwards_matches_keras(bool unroll)
    {
        var layer = Build(new SimpleRNN(4, goBackwards: true, unroll: unroll), 3, 4);
        AssertAllClose(layer.Call(Arange(2, 3, 4)),
            new[,] { { 0.11144729, 0.11144729, 0.11144729, 0.11144729 }, { 0.5528889, 0.5528889, 0.5528889, 0.5528889 } });
    }

    [Test]
    public void SimpleRNN_stateful_second_call_continues_from_first_and_reset_starts_again()
    {
        var layer = Build(new SimpleRNN(4, stateful: true), 3, 4);
        var expected = new[,] { { 0.40559256, 0.40559256, 0.40559256, 0.40559256 }, { 0.7361247, 0.7361247, 0.7361247, 0.7361247 } };
        layer.Call(Arange(2, 3, 4));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected);
        layer.ResetStates();
        AssertAllClose(layer.Call(Arange(2, 3, 4)), Last);
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected);
    }

    [Test]
    public void SimpleRNN_initial_state_matches_keras()
    {
        var layer = Build(new SimpleRNN(4), 4, 3);
        AssertAllClose(layer.Call([Arange(2, 4, 3), State(2, 4)])[0],
            new[,] { { 0.33621645, 0.33621645, 0.33621645, 0.33621645 }, { 0.6262637, 0.6262637, 0.6262637, 0.6262637 } });
    }

    [Test]
    public void SimpleRNN_initial_state_with_go_backwards_matches_keras()
    {
        var layer = Build(new SimpleRNN(4, goBackwards: true), 4, 3);
        AssertAllClose(layer.Call([Arange(2, 4, 3), State(2, 4)])[0],
            new[,] { { 0.07344437, 0.07344437, 0.07344437, 0.07344437 }, { 0.43043602, 0.43043602, 0.43043602, 0.43043602 } });
    }

    static readonly bool[,] Mask = { { true, true, false, true }, { true, false, false, true } };

    [Test]
    public void SimpleRNN_masked_last_output_matches_keras()
    {
        var layer = Build(new SimpleRNN(4, unroll: true), 4, 3);
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), Mask)),
            new[,] { { 0.32951632, 0.32951632, 0.32951632, 0.32951632 }, { 0.61799484, 0.61799484, 0.61799484, 0.61799484 } });
    }

    [Test]
    public void SimpleRNN_masked_sequence_repeats_previous_output_at_masked_steps()
    {
        var layer = Build(new SimpleRNN(2, returnSequences: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.0599281, 0.0599281 }, { 0.15122814, 0.15122814 }, { 0.15122814, 0.15122814 }, { 0.32394567, 0.32394567 } });
        AssertItemClose(y, 1, new[,] { { 0.3969304, 0.3969304 }, { 0.3969304, 0.3969304 }, { 0.3969304, 0.3969304 }, { 0.608085, 0.608085 } });
    }

    [Test]
    public void SimpleRNN_masked_sequence_with_zero_output_for_mask_has_zeros_at_masked_steps()
    {
        var layer = Build(new SimpleRNN(2, returnSequences: true, zeroOutputForMask: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.0599281, 0.0599281 }, { 0.15122814, 0.15122814 }, { 0.0, 0.0 }, { 0.32394567, 0.32394567 } });
        AssertItemClose(y, 1, new[,] { { 0.3969304, 0.3969304 }, { 0.0, 0.0 }, { 0.0, 0.0 }, { 0.608085, 0.608085 } });
    }

    [Test]
    public void SimpleRNN_masked_go_backwards_matches_keras()
    {
        var layer = Build(new SimpleRNN(4, goBackwards: true), 4, 3);
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), Mask)),
            new[,] { { 0.07376196, 0.07376196, 0.07376196, 0.07376196 }, { 0.43645123, 0.43645123, 0.43645123, 0.43645123 } });
    }
}
