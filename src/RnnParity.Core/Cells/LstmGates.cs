using System.Numerics.Tensors;
using RnnParity.Core.Activations;

namespace RnnParity.Core.Cells;

/// <summary>
/// The LSTM gate math of Keras's <c>LSTMCell</c>/<c>ConvLSTMCell</c> on one row of pre-activations
/// <c>z = [z_i, z_f, z_c, z_o]</c> (u values each): <c>i = σ(z_i), f = σ(z_f), g = act(z_c), o = σ(z_o)</c>,
/// <c>c = f∘c_prev + i∘g</c>, <c>h = o∘act(c)</c>, σ the recurrent activation. One place for every LSTM-like cell.
/// </summary>
public static class LstmGates
{
    /// <summary>
    /// Applies the gates in place on <paramref name="z"/> (4·u values) and writes <paramref name="h"/> and
    /// <paramref name="c"/> (u values each, neither overlapping <paramref name="cPrev"/>). Each product is
    /// rounded before the sum, as in the element-wise expression (TensorPrimitives.MultiplyAdd does not fuse);
    /// act(c) goes through <paramref name="h"/>, so rows on different threads share no scratch.
    /// </summary>
    public static void Apply(Span<float> z, ReadOnlySpan<float> cPrev, Span<float> h, Span<float> c, Activation activation, Activation recurrentActivation)
    {
        int u = cPrev.Length;
        Span<float> i = z.Slice(0, u), f = z.Slice(u, u), g = z.Slice(2 * u, u), o = z.Slice(3 * u, u);
        // i and f are adjacent: one call for both (element-wise activations only; softmax and friends
        // work per gate row).
        if (recurrentActivation.IsElementwise) recurrentActivation.Apply(z.Slice(0, 2 * u));
        else { recurrentActivation.Apply(i); recurrentActivation.Apply(f); }
        activation.Apply(g);
        recurrentActivation.Apply(o);
        TensorPrimitives.Multiply(f, cPrev, c);
        TensorPrimitives.MultiplyAdd(i, g, c, c);
        c.CopyTo(h);
        activation.Apply(h);
        TensorPrimitives.Multiply(o, h, h);
    }
}
