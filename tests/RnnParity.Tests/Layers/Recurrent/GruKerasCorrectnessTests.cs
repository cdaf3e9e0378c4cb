using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// Keras's <c>gru_test.py</c> ported literally (kernel 0.01, recurrent 0.02, every bias entry 0.03, including the
/// recurrent bias row of reset_after). Tolerances are the ones each Keras assertion uses.
/// </summary>
[TestFixture]
public sealed class GruKerasCorrectnessTests
{
    const double Tol5 = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static readonly double[,] Last =
    {
        { 0.5217289, 0.5217289, 0.5217289 }, { 0.6371659, 0.6371659, 0.6371659 }, { 0.39384964, 0.39384964, 0.3938496 },
    };

    [TestCase(false)]
    [TestCase(true)]
    public void GRU_reset_after_last_output_matches_keras(bool unroll)
    {
        var layer = Build(new GRU(3, unroll: unroll), 6, 4);
        Assert.That(layer.Cell.Bias!.Shape, Is.EqualTo(new[] { 2, 9 }));
        AssertAllClose(layer.Call(Arange(3, 6, 4)), Last, Tol5, Tol5);
    }

    [Test]
    public void GRU_go_backwards_matches_keras()
    {
        var layer = Build(new GRU(3, goBackwards: true), 6, 4);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.24406259, 0.24406259, 0.24406259 }, { 0.611516, 0.611516, 0.611516 }, { 0.3928808, 0.3928808, 0.3928808 },
        }, Tol5, Tol5);
    }

    [Test]
    public void GRU_reset_before_matches_keras()
    {
        var layer = Build(new GRU(3, resetAfter: false), 6, 4);
        Assert.That(layer.Cell.Bias!.Shape, Is.EqualTo(new[] { 9 }));
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.51447755, 0.51447755, 0.51447755 }, { 0.6426879, 0.6426879, 0.6426879 }, { 0.40208298, 0.40208298, 0.40208298 },
        }, Tol5, Tol5);
    }

    [Test]
    public void GRU_without_bias_matches_keras()
    {
        var layer = Build(new GRU(3, useBias: false), 6, 4);
        AssertAllClose(layer.Call(Arange(3, 6, 4)), new[,]
        {
            { 0.49988455, 0.49988455, 0.49988455 }, { 0.64701194, 0.64701194, 0.64701194 }, { 0.4103359, 0.4103359, 0.4103359 },
        }, Tol5, Tol5);
    }

    [Test]
    public void GRU_stateful_second_call_continues_and_reset_starts_again()
    {
        var layer = Build(new GRU(4, stateful: true), 3, 4);
        var expected = new[,] { { 0.29542392, 0.29542392, 0.29542392, 0.29542392 }, { 0.5885018, 0.5885018, 0.5885018, 0.5885018 } };
        layer.Call(Arange(2, 3, 4));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected);
        layer.ResetStates();
        layer.Call(Arange(2, 3, 4));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), expected);
    }

    [TestCase(false, 0.23774096, 0.33508456, 0.83659905, 1.0227708)]
    [TestCase(true, 0.13486053, 0.23261218, 0.78257304, 0.9691353)]
    public void GRU_initial_state_matches_keras(bool goBackwards, double a, double b, double c, double d)
    {
        var layer = Build(new GRU(2, goBackwards: goBackwards), 4, 3);
        AssertAllClose(layer.Call([Arange(2, 4, 3), State(2, 2)])[0], new[,] { { a, b }, { c, d } });
    }

    [TestCase(false, 0.23774096, 0.33508456, 0.83659905, 1.0227708)]
    [TestCase(true, 0.13486053, 0.23261218, 0.78257304, 0.9691353)]
    public void GRU_return_state_gives_the_output_and_an_equal_final_state(bool goBackwards, double a, double b, double c, double d)
    {
        var layer = Build(new GRU(2, returnState: true, goBackwards: goBackwards), 4, 3);
        var outputs = layer.Call([Arange(2, 4, 3), State(2, 2)]);
        Assert.That(outputs, Has.Count.EqualTo(2));
        AssertAllClose(outputs[0], new[,] { { a, b }, { c, d } });
        Assert.That(outputs[1].Shape, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(outputs[1].Data, Is.EqualTo(outputs[0].Data).Within(1e-6));
    }

    static readonly bool[,] Mask = { { true, true, false, true }, { true, false, false, true } };

    [Test]
    public void GRU_masked_last_output_matches_keras()
    {
        var layer = Build(new GRU(2, unroll: true), 4, 3);
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), Mask)), new[,] { { 0.19393763, 0.19393763 }, { 0.30818558, 0.30818558 } });
    }

    [Test]
    public void GRU_masked_sequence_repeats_previous_output_at_masked_steps()
    {
        var layer = Build(new GRU(2, returnSequences: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.03606692, 0.03606692 }, { 0.09497581, 0.09497581 }, { 0.09497581, 0.09497581 }, { 0.19393763, 0.19393763 } });
        AssertItemClose(y, 1, new[,] { { 0.16051409, 0.16051409 }, { 0.16051409, 0.16051409 }, { 0.16051409, 0.16051409 }, { 0.30818558, 0.30818558 } });
    }

    [Test]
    public void GRU_masked_sequence_with_zero_output_for_mask_has_zeros_at_masked_steps()
    {
        var layer = Build(new GRU(2, returnSequences: true, zeroOutputForMask: true), 4, 3);
        var y = layer.Call(WithMask(Arange(2, 4, 3), Mask));
        AssertItemClose(y, 0, new[,] { { 0.03606692, 0.03606692 }, { 0.09497581, 0.09497581 }, { 0.0, 0.0 }, { 0.19393763, 0.19393763 } });
        AssertItemClose(y, 1, new[,] { { 0.16051409, 0.16051409 }, { 0.0, 0.0 }, { 0.0, 0.0 }, { 0.30818558, 0.30818558 } });
    }

    [Test]
    public void GRU_masked_go_backwards_matches_keras()
    {
        var layer = Build(new GRU(2, goBackwards: true), 4, 3);
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), Mask)), new[,] { { 0.11669192, 0.11669192 }, { 0.28380975, 0.28380975 } });
    }
}
