using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>
/// Keras's <c>rnn_test.py</c> cases built on its <c>OneStateRNNCell</c> (kernel and recurrent kernel of ones, no bias,
/// <c>output = x·K + h·R</c>), which is exactly <c>SimpleRNN(activation="linear", use_bias=False)</c> with weights of
/// ones. The TwoStatesRNNCell cases have no counterpart in this library and are not ported.
/// </summary>
[TestFixture]
public sealed class RnnCellKerasCorrectnessTests
{
    const double Tol = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static SimpleRNN OneState(int timesteps, int features, bool returnSequences = false, bool returnState = false,
        bool goBackwards = false, bool stateful = false, bool unroll = false) =>
        Build(new SimpleRNN(2, activation: "linear", useBias: false, returnSequences: returnSequences, returnState: returnState,
            goBackwards: goBackwards, stateful: stateful, unroll: unroll), timesteps, features, kernel: 1f, recurrent: 1f);

    [Test]
    public void Forward_pass_single_state()
    {
        AssertAllClose(OneState(2, 3).Call(Ones(1, 2, 3)), new[,] { { 9.0, 9.0 } });
        AssertAllClose(OneState(2, 3, returnSequences: true).Call(Ones(1, 2, 3)), new[,,] { { { 3.0, 3.0 }, { 9.0, 9.0 } } });
        var withState = OneState(2, 3, returnState: true).Call([Ones(1, 2, 3)]);
        AssertAllClose(withState[0], new[,] { { 9.0, 9.0 } });
        AssertAllClose(withState[1], new[,] { { 9.0, 9.0 } });
        var sequencesAndState = OneState(2, 3, returnSequences: true, returnState: true).Call([Ones(1, 2, 3)]);
        AssertAllClose(sequencesAndState[0], new[,,] { { { 3.0, 3.0 }, { 9.0, 9.0 } } });
        AssertAllClose(sequencesAndState[1], new[,] { { 9.0, 9.0 } });
    }

    [Test]
    public void Passing_initial_state_single_state()
    {
        AssertAllClose(OneState(3, 2).Call([Ones(2, 3, 2), Ones(2, 2)])[0], new[,] { { 22.0, 22.0 }, { 22.0, 22.0 } });
        var o = OneState(3, 2, returnState: true).Call([Ones(2, 3, 2), Ones(2, 2)]);
        AssertAllClose(o[0], new[,] { { 22.0, 22.0 }, { 22.0, 22.0 } });
        AssertAllClose(o[1], new[,] { { 22.0, 22.0 }, { 22.0, 22.0 } });
    }

    [Test]
    public void Statefulness_single_state()
    {
        var layer = OneState(2, 3, stateful: true);
        layer.Call(Ones(1, 2, 3));
        AssertAllClose(layer.Call(Ones(1, 2, 3)), new[,] { { 45.0, 45.0 } });

        var withState = OneState(2, 3, stateful: true, returnState: true);
        withState.Call([Ones(1, 2, 3)]);
        var o = withState.Call([Ones(1, 2, 3)]);
        AssertAllClose(o[0], new[,] { { 45.0, 45.0 } });
        AssertAllClose(o[1], new[,] { { 45.0, 45.0 } });
    }

    [Test]
    public void Go_backwards_and_stateful_return_state()
    {
        var backwards = OneState(3, 4, goBackwards: true);
        backwards.Call(Arange(2, 3, 4));
        AssertAllClose(backwards.Call(Arange(2, 3, 4)), new[,] { { 202.0, 202.0 }, { 538.0, 538.0 } });

        var stateful = OneState(3, 4, stateful: true, returnState: true);
        stateful.Call([Arange(2, 3, 4)]);
        var o = stateful.Call([Arange(2, 3, 4)]);
        AssertAllClose(o[0], new[,] { { 954.0, 954.0 }, { 3978.0, 3978.0 } });
        AssertAllClose(o[1], new[,] { { 954.0, 954.0 }, { 3978.0, 3978.0 } });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Masking_keeps_the_state_through_masked_steps(bool unroll)
    {
        var mask = new[,] { { true, true, true, false }, { true, true, false, false } };
        AssertAllClose(OneState(4, 3, unroll: unroll).Call(WithMask(Arange(2, 4, 3), mask)), new[,] { { 57.0, 57.0 }, { 126.0, 126.0 } }, Tol, Tol);
        AssertAllClose(OneState(4, 3, returnSequences: true, unroll: unroll).Call(WithMask(Arange(2, 4, 3), mask)), new[,,]
        {
            { { 3.0, 3.0 }, { 18.0, 18.0 }, { 57.0, 57.0 }, { 57.0, 57.0 } },
            { { 39.0, 39.0 }, { 126.0, 126.0 }, { 126.0, 126.0 }, { 126.0, 126.0 } },
        }, Tol, Tol);
    }

    [Test]
    public void Stateful_layer_refuses_a_different_batch_size()
    {
        // rnn_test.py test_stateful_batch_size_mismatch_raises: ValueError mentioning "batch size".
        var layer = OneState(5, 3, stateful: true);
        layer.Call(Ones(4, 5, 3));
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => layer.Call(Ones(1, 5, 3)));
        Assert.That(e!.Message, Does.Contain("batch size"));
    }
}
