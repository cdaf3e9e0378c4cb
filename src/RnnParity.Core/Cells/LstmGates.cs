using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnParity.Core.Activations;
using RnnParity.Core.Math;

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
    /// rounded before the sum, as in the element-wise expression (no fused multiply-add);
    /// act(c) goes through <paramref name="h"/>, so rows on different threads share no scratch.
    /// </summary>
    /// <remarks>With Keras's defaults (tanh, sigmoid) the whole row runs in one pass of SIMD registers
    /// (<see cref="Fused"/>): the same element-wise functions (<see cref="VectorMath"/>) and the same
    /// roundings as the pass-per-function path, so both give the same bits; a row is read and written once
    /// instead of ten times.</remarks>
    public static void Apply(Span<float> z, ReadOnlySpan<float> cPrev, Span<float> h, Span<float> c, Activation activation, Activation recurrentActivation)
    {
        int u = cPrev.Length;
        if (ReferenceEquals(activation, KerasActivations.Tanh) && ReferenceEquals(recurrentActivation, KerasActivations.Sigmoid))
        {
            int done = Fused(z, cPrev, h, c);
            if (done < u) FusedTail(z, cPrev, h, c, done);
            return;
        }
        Span<float> i = z.Slice(0, u), f = z.Slice(u, u), g = z.Slice(2 * u, u), o = z.Slice(3 * u, u);
        // i and f are adjacent: one call for both (element-wise activations only; softmax and friends
        // work per gate row).
        if (recurrentActivation.IsElementwise) { recurrentActivation.Apply(z.Slice(0, 2 * u)); recurrentActivation.Apply(o); }
        else { recurrentActivation.Apply(i); recurrentActivation.Apply(f); recurrentActivation.Apply(o); }
        activation.Apply(g);
        CellAndOutput(i, f, g, o, cPrev, h, c, activation);
    }

    static void CellAndOutput(Span<float> i, Span<float> f, Span<float> g, Span<float> o, ReadOnlySpan<float> cPrev, Span<float> h, Span<float> c, Activation activation)
    {
        TensorPrimitives.Multiply(f, cPrev, c);
        TensorPrimitives.MultiplyAdd(i, g, c, c);
        c.CopyTo(h);
        activation.Apply(h);
        TensorPrimitives.Multiply(o, h, h);
    }

    /// <summary>The last units (fewer than a vector) of <see cref="Fused"/>: copied into zero-padded
    /// vectors, so that they go through the very same operations as the others.</summary>
    static void FusedTail(Span<float> z, ReadOnlySpan<float> cPrev, Span<float> h, Span<float> c, int done)
    {
        const int Width = 16;
        int u = cPrev.Length, n = u - done;
        Span<float> padded = stackalloc float[4 * Width + 3 * Width];
        padded.Clear();
        Span<float> zp = padded.Slice(0, 4 * Width), cp = padded.Slice(4 * Width, Width), hp = padded.Slice(5 * Width, Width), cn = padded.Slice(6 * Width, Width);
        for (int gate = 0; gate < 4; gate++) z.Slice(gate * u + done, n).CopyTo(zp.Slice(gate * Width, n));
        cPrev.Slice(done, n).CopyTo(cp);
        Fused(zp, cp, hp, cn);
        for (int gate = 0; gate < 4; gate++) zp.Slice(gate * Width, n).CopyTo(z.Slice(gate * u + done, n));
        hp.Slice(0, n).CopyTo(h.Slice(done));
        cn.Slice(0, n).CopyTo(c.Slice(done));
    }

    /// <summary>tanh/sigmoid gates of the first units that fill whole vectors; returns how many.</summary>
    static int Fused(Span<float> z, ReadOnlySpan<float> cPrev, Span<float> h, Span<float> c)
    {
        int u = cPrev.Length, j = 0;
        ref float zi = ref MemoryMarshal.GetReference(z);
        ref float zf = ref Unsafe.Add(ref zi, u), zg = ref Unsafe.Add(ref zi, 2 * u), zo = ref Unsafe.Add(ref zi, 3 * u);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float hr = ref MemoryMarshal.GetReference(h), cr = ref MemoryMarshal.GetReference(c);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                Vector512<float> i = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref zi, (nuint)j));
                Vector512<float> f = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref zf, (nuint)j));
                Vector512<float> g = VectorMath.Tanh(Vector512.LoadUnsafe(ref zg, (nuint)j));
                Vector512<float> o = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref zo, (nuint)j));
                // The activated gates stay in z, where the diagnosis's gate trace reads them.
                i.StoreUnsafe(ref zi, (nuint)j); f.StoreUnsafe(ref zf, (nuint)j); g.StoreUnsafe(ref zg, (nuint)j); o.StoreUnsafe(ref zo, (nuint)j);
                Vector512<float> cell = f * Vector512.LoadUnsafe(ref cp, (nuint)j) + i * g;
                cell.StoreUnsafe(ref cr, (nuint)j);
                (o * VectorMath.Tanh(cell)).StoreUnsafe(ref hr, (nuint)j);
            }
            return j;
        }
        for (; j + 8 <= u; j += 8)
        {
            Vector256<float> i = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref zi, (nuint)j));
            Vector256<float> f = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref zf, (nuint)j));
            Vector256<float> g = VectorMath.Tanh(Vector256.LoadUnsafe(ref zg, (nuint)j));
            Vector256<float> o = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref zo, (nuint)j));
            i.StoreUnsafe(ref zi, (nuint)j); f.StoreUnsafe(ref zf, (nuint)j); g.StoreUnsafe(ref zg, (nuint)j); o.StoreUnsafe(ref zo, (nuint)j);
            Vector256<float> cell = f * Vector256.LoadUnsafe(ref cp, (nuint)j) + i * g;
            cell.StoreUnsafe(ref cr, (nuint)j);
            (o * VectorMath.Tanh(cell)).StoreUnsafe(ref hr, (nuint)j);
        }
        return j;
    }
}
