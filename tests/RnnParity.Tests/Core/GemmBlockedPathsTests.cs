using RnnParity.Core.Math;

namespace RnnParity.Tests.Core;

/// <summary>
/// The blocked kernels (8-row and single-row tiles, 32- and 16-column panels, scalar tails,
/// leading dimensions wider than n, packed and unpacked b) against the textbook loop with the same
/// fused sum order, bit for bit. The fixtures use small layers and never reach the wide panels.
/// </summary>
[TestFixture]
public sealed class GemmBlockedPathsTests
{
    public static IEnumerable<TestCaseData> Shapes()
    {
        foreach (int m in new[] { 1, 3, 8, 9, 17, 70 })
            foreach (int k in new[] { 1, 5, 64, 256 })
                foreach (int n in new[] { 1, 16, 31, 32, 48, 97, 1024 })
                    yield return new TestCaseData(m, k, n).SetName($"Blocked_equals_textbook_fma(m={m}, k={k}, n={n})");
        // Several column blocks of b (k·n above the L2 block), the last one ending in 16-wide and scalar tails.
        yield return new TestCaseData(70, 512, 1079).SetName("Blocked_equals_textbook_fma(m=70, k=512, n=1079)");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Blocked_equals_textbook_fma(int m, int k, int n)
    {
        var rng = new Random(m * 1_000_003 + k * 1009 + n);
        foreach (int extra in new[] { 0, 5 })
        {
            int lda = k + extra, ldb = n + extra, ldc = n + extra;
            float[] a = Random(rng, m * lda), b = Random(rng, k * ldb), c0 = Random(rng, m * ldc);
            float[] expected = Textbook(a, m, k, lda, b, n, ldb, c0, ldc);

            float[] plain = (float[])c0.Clone();
            Gemm.MatMulAdd(a, m, k, lda, b, n, ldb, plain, ldc);
            float[] packed = new float[Gemm.PackedLength(k, n)];
            Gemm.PackB(b, k, n, ldb, packed);
            float[] fromPacked = (float[])c0.Clone();
            Gemm.MatMulAddPacked(a, m, k, lda, packed, b, n, ldb, fromPacked, ldc);

            Assert.That(plain, Is.EqualTo(expected), $"unpacked, leading dimensions +{extra}");
            Assert.That(fromPacked, Is.EqualTo(expected), $"packed, leading dimensions +{extra}");
        }
    }

    /// <summary><see cref="Gemm.MatMulBias"/> starts every tile from the bias in registers (and packs
    /// b from <see cref="Gemm.PackThreshold"/> rows): still the textbook sum from a c filled with the
    /// bias, bit for bit, whatever c held before.</summary>
    [TestCaseSource(nameof(Shapes))]
    public void Bias_start_equals_textbook_fma(int m, int k, int n)
    {
        var rng = new Random(m * 7919 + k * 104729 + n);
        float[] a = Random(rng, m * k), b = Random(rng, k * n), bias = Random(rng, n);
        float[] filled = new float[m * n];
        for (int i = 0; i < m; i++) bias.CopyTo(filled, i * n);
        float[] expected = Textbook(a, m, k, k, b, n, n, filled, n);
        float[] c = Random(rng, m * n);
        Gemm.MatMulBias(a, m, k, b, n, bias, c);
        Assert.That(c, Is.EqualTo(expected), "with bias");
        float[] noBias = Random(rng, m * n);
        Gemm.MatMulBias(a, m, k, b, n, default, noBias);
        Assert.That(noBias, Is.EqualTo(Textbook(a, m, k, k, b, n, n, new float[m * n], n)), "without bias");
    }

    /// <summary>c[i,j] = fma(a[i,k-1], b[k-1,j], … fma(a[i,0], b[0,j], c[i,j])), p ascending.</summary>
    static float[] Textbook(float[] a, int m, int k, int lda, float[] b, int n, int ldb, float[] c0, int ldc)
    {
        float[] c = (float[])c0.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float acc = c[i * ldc + j];
                for (int p = 0; p < k; p++) acc = MathF.FusedMultiplyAdd(a[i * lda + p], b[p * ldb + j], acc);
                c[i * ldc + j] = acc;
            }
        return c;
    }

    static float[] Random(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
