using System.Numerics.Tensors;

namespace RnnParity.Core.Math;

/// <summary>Row-major matrix products on spans, the only BLAS-like kernel the layers need.</summary>
public static class Gemm
{
    /// <summary>
    /// <c>c[m×n] += a[m×k] · b[k×n]</c>. Each output row is built as a sum of scaled rows of
    /// <paramref name="b"/>, so the inner loop is a contiguous, vectorised multiply-add.
    /// </summary>
    public static void MatMulAdd(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> b, int n, Span<float> c)
    {
        if (a.Length < m * k) throw new ArgumentException($"a has {a.Length} elements, needs {m}×{k}.", nameof(a));
        if (b.Length < k * n) throw new ArgumentException($"b has {b.Length} elements, needs {k}×{n}.", nameof(b));
        if (c.Length < m * n) throw new ArgumentException($"c has {c.Length} elements, needs {m}×{n}.", nameof(c));
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * n, n);
            ReadOnlySpan<float> ai = a.Slice(i * k, k);
            for (int p = 0; p < k; p++)
            {
                // No skip for zero coefficients: 0 · inf must stay NaN, as in BLAS.
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), ai[p], row, row);
            }
        }
    }

    /// <summary><c>c[m×n] = a[m×k] · b[k×n] + bias[n]</c> (bias broadcast over rows; none when empty).</summary>
    public static void MatMulBias(ReadOnlySpan<float> a, int m, int k, ReadOnlySpan<float> b, int n, ReadOnlySpan<float> bias, Span<float> c)
    {
        Span<float> target = c.Slice(0, m * n);
        if (bias.IsEmpty) target.Clear();
        else for (int i = 0; i < m; i++) bias.Slice(0, n).CopyTo(target.Slice(i * n, n));
        MatMulAdd(a, m, k, b, n, target);
    }
}
