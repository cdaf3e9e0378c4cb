using RnnParity.Core.Math;

namespace RnnParity.Benchmarks;

/// <summary>
/// <c>--check-gemm</c>: the blocked kernels against the textbook loop (same fused sum, p ascending),
/// which must agree bit for bit, on shapes that hit every path: 8-row and single-row tiles, 32- and
/// 16-column panels, scalar tails, leading dimensions wider than n, packed and unpacked b. The
/// fixtures use small layers, so they never reach the 32-column panels; this does.
/// </summary>
public static class GemmCheck
{
    public static bool Run(TextWriter w)
    {
        var rng = new Random(7);
        int cases = 0, bad = 0;
        foreach (int m in new[] { 1, 3, 8, 9, 17, 64, 70 })
            foreach (int k in new[] { 1, 5, 64, 256 })
                foreach (int n in new[] { 1, 8, 16, 31, 32, 48, 97, 128, 1024 })
                    foreach (int extra in new[] { 0, 5 })
                    {
                        int lda = k + extra, ldb = n + extra, ldc = n + extra;
                        float[] a = Random(rng, m * lda), b = Random(rng, k * ldb), c0 = Random(rng, m * ldc);
                        float[] expected = (float[])c0.Clone();
                        for (int i = 0; i < m; i++)
                            for (int j = 0; j < n; j++)
                            {
                                float acc = expected[i * ldc + j];
                                for (int p = 0; p < k; p++) acc = MathF.FusedMultiplyAdd(a[i * lda + p], b[p * ldb + j], acc);
                                expected[i * ldc + j] = acc;
                            }
                        float[] plain = (float[])c0.Clone(), packedOut = (float[])c0.Clone();
                        Gemm.MatMulAdd(a, m, k, lda, b, n, ldb, plain, ldc);
                        float[] packed = new float[Gemm.PackedLength(k, n)];
                        Gemm.PackB(b, k, n, ldb, packed);
                        Gemm.MatMulAddPacked(a, m, k, lda, packed, b, n, ldb, packedOut, ldc);
                        cases++;
                        if (!plain.AsSpan().SequenceEqual(expected) || !packedOut.AsSpan().SequenceEqual(expected))
                        {
                            bad++;
                            w.WriteLine($"  MISMATCH m={m} k={k} n={n} lda={lda} ldb={ldb} ldc={ldc}");
                        }
                    }
        w.WriteLine($"Gemm check: {cases} shapes, {bad} mismatches (bit-exact against the textbook fused loop).");
        return bad == 0;
    }

    static float[] Random(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
