using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RnnParity.Core.Math;

/// <summary>
/// exp, tanh and the logistic sigmoid in float32, element-wise on spans, in SIMD registers: the gate
/// functions every recurrent step spends its non-product time in.
/// </summary>
/// <remarks>
/// Why by hand: <c>TensorPrimitives.Exp</c>/<c>Tanh</c> (System.Numerics.Tensors 10) widen float to double for
/// correct rounding and cost 0.5–1 ns per element here, about as much as an LSTM step's matrix product. These
/// are Cephes's <c>expf</c>/<c>tanhf</c> (polynomials in float with Cody–Waite range reduction, about 2 ulp,
/// far inside the fixtures' 1e-6 absolute tolerance; Keras's numpy backend is not correctly rounded either).
/// <para>Every element goes through the same operations (+, −, ×, fused multiply-add, ÷, floor, min, max) in
/// the same order whatever the vector width, its position in the span or the span's length (a short tail is
/// computed in a padded vector), so a value's result never depends on how a step was cut into rows or
/// threads, and the 512-bit and 256-bit paths agree bit for bit.</para>
/// </remarks>
public static class VectorMath
{
    // Cephes expf: exp(x) = 2^n · exp(r), n = round(x / ln 2), r = x − n·ln 2 in two parts (C1 exact in float).
    const float Log2E = 1.44269504088896341f, C1 = 0.693359375f, C2 = -2.12194440e-4f;
    const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    // Inputs are clamped to where exp is already +inf (above ln(float.MaxValue) ≈ 88.72) or 0 (below half the
    // smallest subnormal, e^-103.97), so n stays in [-150, 129]; 2^n is applied as two factors 2^(n/2) of
    // normal floats, so that results near overflow and subnormal results come out right without a branch.
    const float MaxInput = 88.8f, MinInput = -104f;

    // Cephes tanhf: an odd polynomial below 0.625, 1 − 2/(exp(2|x|) + 1) above (no cancellation there).
    const float TanhSmall = 0.625f, T0 = -5.70498872745e-3f, T1 = 2.06390887954e-2f, T2 = -5.37397155531e-2f, T3 = 1.33314422036e-1f, T4 = -3.33332819422e-1f;

    /// <summary>exp(x), in place.</summary>
    public static void Exp(Span<float> x) => Map(x, Function.Exp);

    /// <summary>tanh(x), in place.</summary>
    public static void Tanh(Span<float> x) => Map(x, Function.Tanh);

    /// <summary>1 / (1 + exp(−x)), in place: the numpy backend's formula for Keras's <c>sigmoid</c>.</summary>
    public static void Sigmoid(Span<float> x) => Map(x, Function.Sigmoid);

    enum Function { Exp, Tanh, Sigmoid }

    static void Map(Span<float> x, Function f)
    {
        if (Vector512.IsHardwareAccelerated) Map512(x, f);
        else Map256(x, f);
    }

    static void Map512(Span<float> x, Function f)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i + 16 <= x.Length; i += 16)
        {
            ref float at = ref Unsafe.Add(ref start, i);
            Apply(Vector512.LoadUnsafe(ref at), f).StoreUnsafe(ref at);
        }
        if (i == x.Length) return;
        Span<float> tail = stackalloc float[16];
        tail.Clear();
        x.Slice(i).CopyTo(tail);
        Apply(Vector512.Create<float>(tail), f).CopyTo(tail);
        tail.Slice(0, x.Length - i).CopyTo(x.Slice(i));
    }

    static void Map256(Span<float> x, Function f)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            ref float at = ref Unsafe.Add(ref start, i);
            Apply(Vector256.LoadUnsafe(ref at), f).StoreUnsafe(ref at);
        }
        if (i == x.Length) return;
        Span<float> tail = stackalloc float[8];
        tail.Clear();
        x.Slice(i).CopyTo(tail);
        Apply(Vector256.Create<float>(tail), f).CopyTo(tail);
        tail.Slice(0, x.Length - i).CopyTo(x.Slice(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<float> Apply(Vector512<float> v, Function f) => f switch
    {
        Function.Exp => Exp(v),
        Function.Tanh => Tanh(v),
        _ => Sigmoid(v),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Apply(Vector256<float> v, Function f) => f switch
    {
        Function.Exp => Exp(v),
        Function.Tanh => Tanh(v),
        _ => Sigmoid(v),
    };

    /// <summary>exp of each lane (NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        Vector512<float> n = Vector512.Floor(Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-C1), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-C2), r);
        Vector512<float> y = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P2));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P3));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P4));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P5));
        y = Vector512.FusedMultiplyAdd(y, r * r, r) + Vector512<float>.One;
        Vector512<int> n1 = Vector512.ConvertToInt32(n), n2 = n1 >> 1;
        n1 -= n2;
        Vector512<float> scale1 = ((n1 + Vector512.Create(127)) << 23).AsSingle(), scale2 = ((n2 + Vector512.Create(127)) << 23).AsSingle();
        return y * scale1 * scale2;
    }

    /// <summary>tanh of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> z = x * x;
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(T0), z, Vector512.Create(T1));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T2));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T3));
        p = Vector512.FusedMultiplyAdd(p, z, Vector512.Create(T4));
        Vector512<float> small = Vector512.FusedMultiplyAdd(p * z, x, x);
        Vector512<float> e = Exp(ax + ax);
        Vector512<float> large = Vector512<float>.One - Vector512.Create(2f) / (e + Vector512<float>.One);
        // tanh is odd: the sign of x, also for −0, where the polynomial's sum rounds to +0.
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(TanhSmall)), small, large), x);
    }

    /// <summary>1 / (1 + exp(−x)) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    // The 256-bit versions below repeat the 512-bit ones line for line: .NET 10 has no public interface over
    // Vector256/Vector512 to write them once (ISimdVector is internal), and a hand-made one would be longer
    // than the copy. VectorMathTests pins the two together bit for bit.

    /// <summary>exp of each lane (NaN stays NaN); the same operations as the 512-bit version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(MinInput)), Vector256.Create(MaxInput));
        Vector256<float> n = Vector256.Floor(Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-C1), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-C2), r);
        Vector256<float> y = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P2));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P3));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P4));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P5));
        y = Vector256.FusedMultiplyAdd(y, r * r, r) + Vector256<float>.One;
        Vector256<int> n1 = Vector256.ConvertToInt32(n), n2 = n1 >> 1;
        n1 -= n2;
        Vector256<float> scale1 = ((n1 + Vector256.Create(127)) << 23).AsSingle(), scale2 = ((n2 + Vector256.Create(127)) << 23).AsSingle();
        return y * scale1 * scale2;
    }

    /// <summary>tanh of each lane; the same operations as the 512-bit version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> ax = Vector256.Abs(x);
        Vector256<float> z = x * x;
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(T0), z, Vector256.Create(T1));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T2));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T3));
        p = Vector256.FusedMultiplyAdd(p, z, Vector256.Create(T4));
        Vector256<float> small = Vector256.FusedMultiplyAdd(p * z, x, x);
        Vector256<float> e = Exp(ax + ax);
        Vector256<float> large = Vector256<float>.One - Vector256.Create(2f) / (e + Vector256<float>.One);
        // tanh is odd: the sign of x, also for −0, where the polynomial's sum rounds to +0.
        return Vector256.CopySign(Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(TanhSmall)), small, large), x);
    }

    /// <summary>1 / (1 + exp(−x)) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        Vector256<float>.One / (Vector256<float>.One + Exp(-x));
}
