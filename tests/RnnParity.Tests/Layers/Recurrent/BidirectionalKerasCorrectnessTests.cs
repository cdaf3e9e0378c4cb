using RnnParity.Layers.Recurrent;
using static RnnParity.Tests.Layers.Recurrent.KerasCorrectness;

namespace RnnParity.Tests.Layers.Recurrent;

/// <summary>Keras's <c>bidirectional_test.py</c> ported literally (constant weights; Keras checks at atol = rtol = 1e-5).</summary>
[TestFixture]
public sealed class BidirectionalKerasCorrectnessTests
{
    const double Tol = 1e-5;

    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [Test]
    public void Concat_puts_forward_then_backward_units()
    {
        var layer = Build(new Bidirectional(new SimpleRNN(2)), 3, 4);
        AssertAllClose(layer.Call(Arange(2, 3, 4)), new[,]
        {
            { 0.39687276, 0.39687276, 0.10004295, 0.10004295 }, { 0.7237238, 0.7237238, 0.53391594, 0.53391594 },
        }, Tol, Tol);
    }

    [Test]
    public void Ave_averages_forward_and_backward()
    {
        var layer = Build(new Bidirectional(new SimpleRNN(2), MergeMode.Ave), 3, 4);
        AssertAllClose(layer.Call(Arange(2, 3, 4)), new[,] { { 0.24845785, 0.24845785 }, { 0.6288199, 0.6288199 } }, Tol, Tol);
    }

    [Test]
    public void Merge_mode_none_returns_forward_and_backward_separately()
    {
        var layer = Build(new Bidirectional(new SimpleRNN(2), MergeMode.None), 3, 4);
        var outputs = layer.Call([Arange(2, 3, 4)]);
        Assert.That(outputs, Has.Count.EqualTo(2));
        AssertAllClose(outputs[0], new[,] { { 0.39687276, 0.39687276 }, { 0.7237238, 0.7237238 } }, Tol, Tol);
        AssertAllClose(outputs[1], new[,] { { 0.10004295, 0.10004295 }, { 0.53391594, 0.53391594 } }, Tol, Tol);
    }

    [Test]
    public void Mul_with_an_explicit_backward_layer_matches_keras()
    {
        var layer = new Bidirectional(new SimpleRNN(2), MergeMode.Mul, backwardLayer: new SimpleRNN(2, goBackwards: true));
        Build(layer, 3, 4, backward: (0.03f, 0.02f, 0.01f));
        AssertAllClose(layer.Call(Arange(2, 3, 4)), new[,] { { 0.08374989, 0.08374989 }, { 0.6740834, 0.6740834 } }, Tol, Tol);
    }

    [Test]
    public void Sum_of_gru_sequences_flips_the_backward_output_into_input_order()
    {
        var layer = Build(new Bidirectional(new GRU(2, returnSequences: true), MergeMode.Sum), 3, 4);
        AssertAllClose(layer.Call(Arange(2, 3, 4)), new[,,]
        {
            { { 0.20937867, 0.20937867 }, { 0.34462988, 0.34462988 }, { 0.40290534, 0.40290534 } },
            { { 0.59829646, 0.59829646 }, { 0.6734641, 0.6734641 }, { 0.6479671, 0.6479671 } },
        }, Tol, Tol);
    }

    [Test]
    public void Stateful_lstm_second_call_continues_and_reset_starts_again()
    {
        var layer = Build(new Bidirectional(new LSTM(2, stateful: true)), 4, 3);
        var expected = new[,]
        {
            { 0.26234663, 0.26234663, 0.16959146, 0.16959146 }, { 0.6137073, 0.6137073, 0.5381646, 0.5381646 },
        };
        layer.Call(Arange(2, 4, 3));
        AssertAllClose(layer.Call(Arange(2, 4, 3)), expected, Tol, Tol);
        layer.ResetStates();
        layer.Call(Arange(2, 4, 3));
        AssertAllClose(layer.Call(Arange(2, 4, 3)), expected, Tol, Tol);
    }

    [Test]
    public void Initial_states_go_forward_first_then_backward()
    {
        var layer = Build(new Bidirectional(new LSTM(2)), 4, 3);
        var outputs = layer.Call([Arange(2, 4, 3), State(2, 2, 1), State(2, 2, 2), State(2, 2, 3), State(2, 2, 4)]);
        AssertAllClose(outputs[0], new[,]
        {
            { 0.20794602, 0.4577124, 0.14046375, 0.48191673 }, { 0.6682636, 0.6711909, 0.60943645, 0.60950446 },
        }, Tol, Tol);
    }

    [Test]
    public void Masked_gru_matches_keras()
    {
        var layer = Build(new Bidirectional(new GRU(2)), 4, 3);
        var mask = new[,] { { true, true, false, true }, { true, false, false, true } };
        AssertAllClose(layer.Call(WithMask(Arange(2, 4, 3), mask)), new[,]
        {
            { 0.19393763, 0.19393763, 0.11669192, 0.11669192 }, { 0.30818558, 0.30818558, 0.28380975, 0.28380975 },
        }, Tol, Tol);
    }

    [Test]
    public void Return_state_gives_output_then_forward_h_c_then_backward_h_c()
    {
        var layer = Build(new Bidirectional(new LSTM(2, returnState: true)), 4, 3);
        var o = layer.Call([Arange(2, 4, 3)]);
        Assert.That(o, Has.Count.EqualTo(5));
        AssertAllClose(o[0], new[,] { { 0.1990008, 0.1990008, 0.12659755, 0.12659755 }, { 0.52335435, 0.52335435, 0.44717982, 0.44717982 } }, Tol, Tol);
        AssertAllClose(o[1], new[,] { { 0.1990008, 0.1990008 }, { 0.52335435, 0.52335435 } }, Tol, Tol);
        AssertAllClose(o[2], new[,] { { 0.35567185, 0.35567185 }, { 1.0492687, 1.0492687 } }, Tol, Tol);
        AssertAllClose(o[3], new[,] { { 0.12659755, 0.12659755 }, { 0.44717982, 0.44717982 } }, Tol, Tol);
        AssertAllClose(o[4], new[,] { { 0.2501858, 0.2501858 }, { 0.941473, 0.941473 } }, Tol, Tol);
    }

    [TestCase(MergeMode.Concat, 4)]
    [TestCase(MergeMode.Sum, 2)]
    [TestCase(MergeMode.Mul, 2)]
    [TestCase(MergeMode.Ave, 2)]
    public void Output_shapes_agree_with_the_computed_output_shapes(MergeMode mode, int width)
    {
        // bidirectional_test.py test_output_shape: x of shape (1, 2, 2), LSTM(2, return_state=True).
        var layer = new Bidirectional(new LSTM(2, returnState: true), mode);
        var x = new RnnParity.Core.Tensors.Tensor([1, 2, 2], [101, 202, 303, 404]);
        var outputs = layer.Call([x]);
        var shapes = layer.ComputeOutputShapes([[1, 2, 2]]);
        Assert.That(outputs.Select(o => o.Shape), Is.EqualTo(shapes.Select(s => s.Select(d => d!.Value).ToArray())));
        Assert.That(outputs[0].Shape, Is.EqualTo(new[] { 1, width }));
        Assert.That(outputs, Has.Count.EqualTo(5));
    }
}
