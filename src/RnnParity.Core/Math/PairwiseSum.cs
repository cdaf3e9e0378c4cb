namespace RnnParity.Core.Math;

/// <summary>
/// NumPy's float32 sum of a contiguous run (<c>pairwise_sum</c> in numpy's <c>loops_utils.h.src</c>,
/// used by <c>np.sum</c>/<c>np.mean</c> along the last, contiguous axis), rounded step by step in
/// float32 exactly as NumPy rounds, so that statistics computed from it (mean, variance) are
/// bit-identical to Keras's NumPy backend.
/// </summary>
/// <remarks>
/// Fewer than 8 values: one running sum. Up to 128: eight running sums over the strided lanes
/// (<c>r[j] += a[i + j]</c>), combined as <c>((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))</c>,
/// then the remainder added one by one. More: split at half rounded down to a multiple of 8 and
/// recurse. NumPy starts the reduction from the identity 0, which does not change the result.
/// </remarks>
public static class PairwiseSum
{
    const int BlockSize = 128;

    /// <summary>Σ <paramref name="values"/> in NumPy's float32 order.</summary>
    public static float Sum(ReadOnlySpan<float> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            float res = 0f;
            for (int i = 0; i < n; i++) res += values[i];
            return res;
        }
        if (n <= BlockSize)
        {
            float r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            float r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += values[i]; r1 += values[i + 1]; r2 += values[i + 2]; r3 += values[i + 3];
                r4 += values[i + 4]; r5 += values[i + 5]; r6 += values[i + 6]; r7 += values[i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) res += values[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return Sum(values[..n2]) + Sum(values[n2..]);
    }

    /// <summary>
    /// Σ <paramref name="values"/> as <c>np.sum</c> adds a C-ordered array over several axes: the
    /// innermost reduced run (the reduced axes at the end of the array, <paramref name="run"/> values;
    /// 1 when the last axis is not reduced) is summed pairwise, and the runs are added one after the
    /// other into the result, starting from 0.
    /// </summary>
    public static float Sum(ReadOnlySpan<float> values, int run)
    {
        if (run <= 0 || values.Length % run != 0) throw new ArgumentException($"run {run} does not divide {values.Length} values.", nameof(run));
        if (run == values.Length) return Sum(values);
        float total = 0f;
        for (int i = 0; i < values.Length; i += run) total += run == 1 ? values[i] : Sum(values.Slice(i, run));
        return total;
    }

    /// <summary>Σ <paramref name="values"/>² in NumPy's order for <c>np.sum(np.square(x))</c>:
    /// each square rounded to float32 first, then summed pairwise. <paramref name="scratch"/> holds the squares.</summary>
    public static float SumOfSquares(ReadOnlySpan<float> values, int run, Span<float> scratch)
    {
        Span<float> squares = scratch[..values.Length];
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, values, squares);
        return Sum(squares, run);
    }
}
