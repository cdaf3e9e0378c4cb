using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// Keras's <c>lstm_test.py</c> ported literally (kernel 0.01, recurrent 0.02, bias 0.03; with unit_forget_bias the
/// forget block of the bias holds ones, as Keras's initializer builds it). Keras checks these at atol = rtol = 1e-5.
/// </summary>
[TestFixture]
public sealed class LstmKerasCorrectnessTests
{
    const double Tol = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static readonly double[,] Last =
    {
        { 0.6288687, 0.6288687, 0.6288687 }, { 0.86899155, 0.86899155, 0.86899155 }, { 0.9460773, 0.9460773, 0.9460773 },
    };

    [TestCase(false)]
    [TestCase(true)]
    public void LSTM_last_output_matches_keras(bool unroll)
    {
        var layer = Build(new LSTM(3, unroll: unroll), 6, 4);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), Last, Tol, Tol);
    }

    [Test]
    public void LSTM_go_backwards_matches_keras()
    {
        var layer = Build(new LSTM(3, goBackwards: true), 6, 4);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.35622165, 0.35622165, 0.35622165 }, { 0.74789524, 0.74789524, 0.74789524 }, { 0.8872726, 0.8872726, 0.8872726 },
        }, Tol, Tol);
    }

    [Test]
    public void LSTM_without_unit_forget_bias_matches_keras()
    {
        var layer = Build(new LSTM(3, unitForgetBias: false), 6, 4);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.57019705, 0.57019705, 0.57019705 }, { 0.8661914, 0.8661914, 0.8661914 }, { 0.9459622, 0.9459622, 0.9459622 },
        }, Tol, Tol);
    }

    [Test]
    public void LSTM_without_bias_matches_keras()
    {
        var layer = Build(new LSTM(3, useBias: false), 6, 4);
        Assert.That(layer.Cell.Bias, Is.Null);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.54986924, 0.54986924, 0.54986924 }, { 0.86226785, 0.86226785, 0.86226785 }, { 0.9443936, 0.9443936, 0.9443936 },
        }, Tol, Tol);
    }

    [Test]
    public void LSTM_stateful_second_call_continues_and_reset_starts_again()
    {
        var layer = Build(new LSTM(4, stateful: true), 3, 4);
        var expected = new[,] { { 0.3124785, 0.3124785, 0.3124785, 0.3124785 }, { 0.6863672, 0.6863672, 0.6863672, 0.6863672 } };
        layer.Call(Arange(2, 3, 4));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected, Tol, Tol);
        layer.ResetStates();
        layer.Call(Arange(2, 3, 4));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected, Tol, Tol);
    }

    [TestCase(false, 0.20574439, 0.3558822, 0.64930826, 0.66276)]
    [TestCase(true, 0.13281618, 0.2790356, 0.5839337, 0.5992567)]
    public void LSTM_initial_state_matches_keras(bool goBackwards, double a, double b, double c, double d)
    {
        var layer = Build(new LSTM(2, goBackwards: goBackwards), 4, 3);
        AssertAllClose(layer.Call([Arange(2, 4, 3), State(2, 2), State(2, 2)])[0], new[,] { { a, b }, { c, d } }, Tol, Tol);
    }

    static readonly bool[,] Mask = { { true, true, true, false }, { true, true, false, false } };

    [Test]
    public void LSTM_masked_last_output_matches_keras()
    {
        var layer = Build(new LSTM(2, unroll: true), 4, 3);
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), Mask)), new[,] { { 0.11755939, 0.11755939 }, { 0.28556206, 0.28556206 } }, Tol, Tol);
    }

    [Test]
    public void LSTM_masked_sequence_repeats_previous_output_at_masked_steps()
    {
        var layer = Build(new LSTM(2, returnSequences: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.01588910, 0.01588910 }, { 0.05552048, 0.05552048 }, { 0.11755939, 0.11755939 }, { 0.11755939, 0.11755939 } }, Tol, Tol);
        AssertItemClose(y, 1, new[,] { { 0.14185596, 0.14185596 }, { 0.28556206, 0.28556206 }, { 0.28556206, 0.28556206 }, { 0.28556206, 0.28556206 } }, Tol, Tol);
    }

    [Test]
    public void LSTM_masked_sequence_with_zero_output_for_mask_has_zeros_at_masked_steps()
    {
        var layer = Build(new LSTM(2, returnSequences: true, zeroOutputForMask: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.01588910, 0.01588910 }, { 0.05552048, 0.05552048 }, { 0.11755939, 0.11755939 }, { 0.0, 0.0 } }, Tol, Tol);
        AssertItemClose(y, 1, new[,] { { 0.14185596, 0.14185596 }, { 0.28556206, 0.28556206 }, { 0.0, 0.0 }, { 0.0, 0.0 } }, Tol, Tol);
    }

    [Test]
    public void LSTM_go_backwards_with_leading_masked_steps_matches_keras()
    {
        var layer = Build(new LSTM(2, goBackwards: true), 4, 3);
        var mask = new[,] { { false, true, true, true }, { false, false, true, true } };
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), mask)), new[,] { { 0.15341201, 0.15341201 }, { 0.3844719, 0.3844719 } }, Tol, Tol);
    }
}
