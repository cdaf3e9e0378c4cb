using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnParity.Core.Math;

namespace RnnParity.Core.Cells;

/// <summary>
/// The gate math of one row of Keras's <c>GRUCell</c> with <c>reset_after=True</c> and the default activations
/// (tanh, sigmoid), in one pass of SIMD registers: <c>z = σ(h·R_z + x_z)</c>, <c>r = σ(h·R_r + x_r)</c>,
/// <c>ĥ = tanh(r∘(h·R_h) + x_h)</c>, <c>h_t = z∘h_{t-1} + (1 − z)∘ĥ</c> (recurrent bias already in h·R).
/// </summary>
/// <remarks>The same functions (<see cref="VectorMath"/>) and the same roundings, in the same order, as
/// <see cref="GruCell"/>'s pass-per-function path (no fused multiply-add), so both give the same bits; it leaves
/// the workspace as that path does (z, r activated; (1 − z)∘ĥ in ĥ's block; 1 − z beside), which the gate trace reads.</remarks>
internal static class GruGates
{
    const int Width = 16;

    /// <param name="x">the row's projected input [x_z, x_r, x_h] (3·u).</param>
    /// <param name="inner">the row's h·R + recurrent bias [z, r, h] (3·u), overwritten as described above.</param>
    /// <param name="hPrev">the row's previous h (u).</param>
    /// <param name="h">the row's new h (u).</param>
    /// <param name="oneMinusZ">u floats that get 1 − z.</param>
    public static void ResetAfterDefaults(ReadOnlySpan<float> x, Span<float> inner, ReadOnlySpan<float> hPrev, Span<float> h, Span<float> oneMinusZ)
    {
        int u = hPrev.Length, done = Whole(x, inner, hPrev, h, oneMinusZ);
        if (done == u) return;
        // The last units (fewer than a vector) in zero-padded vectors, through the very same operations.
        int n = u - done;
        Span<float> padded = stackalloc float[8 * Width];
        padded.Clear();
        Span<float> xp = padded.Slice(0, 3 * Width), ip = padded.Slice(3 * Width, 3 * Width);
        Span<float> hp = padded.Slice(6 * Width, Width), hn = padded.Slice(7 * Width, Width);
        Span<float> omz = stackalloc float[Width];
        for (int gate = 0; gate < 3; gate++)
        {
            x.Slice(gate * u + done, n).CopyTo(xp.Slice(gate * Width));
            inner.Slice(gate * u + done, n).CopyTo(ip.Slice(gate * Width));
        }
        hPrev.Slice(done).CopyTo(hp);
        Whole(xp, ip, hp, hn, omz);
        for (int gate = 0; gate < 3; gate++) ip.Slice(gate * Width, n).CopyTo(inner.Slice(gate * u + done));
        hn.Slice(0, n).CopyTo(h.Slice(done));
        omz.Slice(0, n).CopyTo(oneMinusZ.Slice(done));
    }

    /// <summary>The units that fill whole vectors; returns how many.</summary>
    static int Whole(ReadOnlySpan<float> x, Span<float> inner, ReadOnlySpan<float> hPrev, Span<float> h, Span<float> oneMinusZ)
    {
        int u = hPrev.Length, j = 0;
        ref float xz = ref MemoryMarshal.GetReference(x);
        ref float xr = ref Unsafe.Add(ref xz, u), xh = ref Unsafe.Add(ref xz, 2 * u);
        ref float iz = ref MemoryMarshal.GetReference(inner);
        ref float ir = ref Unsafe.Add(ref iz, u), ih = ref Unsafe.Add(ref iz, 2 * u);
        ref float hp = ref MemoryMarshal.GetReference(hPrev), hn = ref MemoryMarshal.GetReference(h), omz = ref MemoryMarshal.GetReference(oneMinusZ);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= u; j += 16)
            {
                nuint at = (nuint)j;
                Vector512<float> z = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref iz, at) + Vector512.LoadUnsafe(ref xz, at));
                Vector512<float> r = VectorMath.Sigmoid(Vector512.LoadUnsafe(ref ir, at) + Vector512.LoadUnsafe(ref xr, at));
                Vector512<float> candidate = VectorMath.Tanh(r * Vector512.LoadUnsafe(ref ih, at) + Vector512.LoadUnsafe(ref xh, at));
                Vector512<float> keep = Vector512<float>.One - z, update = keep * candidate;
                z.StoreUnsafe(ref iz, at); r.StoreUnsafe(ref ir, at); update.StoreUnsafe(ref ih, at); keep.StoreUnsafe(ref omz, at);
                (z * Vector512.LoadUnsafe(ref hp, at) + update).StoreUnsafe(ref hn, at);
            }
            return j;
        }
        for (; j + 8 <= u; j += 8)
        {
            nuint at = (nuint)j;
            Vector256<float> z = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref iz, at) + Vector256.LoadUnsafe(ref xz, at));
            Vector256<float> r = VectorMath.Sigmoid(Vector256.LoadUnsafe(ref ir, at) + Vector256.LoadUnsafe(ref xr, at));
            Vector256<float> candidate = VectorMath.Tanh(r * Vector256.LoadUnsafe(ref ih, at) + Vector256.LoadUnsafe(ref xh, at));
            Vector256<float> keep = Vector256<float>.One - z, update = keep * candidate;
            z.StoreUnsafe(ref iz, at); r.StoreUnsafe(ref ir, at); update.StoreUnsafe(ref ih, at); keep.StoreUnsafe(ref omz, at);
            (z * Vector256.LoadUnsafe(ref hp, at) + update).StoreUnsafe(ref hn, at);
        }
        return j;
    }
}
