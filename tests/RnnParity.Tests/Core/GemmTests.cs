using RnnParity.Core.Math;

namespace RnnParity.Tests.Core;

/// <summary><see cref="Gemm"/> against a naive triple loop computed in double on random data.</summary>
[TestFixture]
public sealed class GemmTests
{
    static float[] Random(Random r, int n) => Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();

    static double[] Naive(float[] a, int m, int k, float[] b, int n, float[] c0, float[]? bias)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = bias is null ? c0[i * n + j] : bias[j];
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[p * n + j];
                c[i * n + j] = sum;
            }
        return c;
    }

    static void AssertClose(float[] actual, double[] expected, int k)
    {
        // float32 accumulation of k products of magnitude <= 1: a few ulp per term.
        double tol = 1e-6 * (k + 1);
        for (int i = 0; i < expected.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(tol), $"element {i}");
    }

    [TestCase(1, 1, 1)]
    [TestCase(3, 4, 5)]
    [TestCase(2, 10, 3)]
    [TestCase(7, 13, 37)]
    [TestCase(16, 33, 64)]
    public void MatMulAdd_adds_the_product_to_c(int m, int k, int n)
    {
        var r = new Random(m * 1000 + k * 10 + n);
        float[] a = Random(r, m * k), b = Random(r, k * n), c = Random(r, m * n);
        double[] expected = Naive(a, m, k, b, n, c, null);
        Gemm.MatMulAdd(a, m, k, b, n, c);
        AssertClose(c, expected, k);
    }

    [TestCase(4, 6, 9)]
    [TestCase(5, 3, 40)]
    public void MatMulBias_overwrites_c_with_product_plus_bias(int m, int k, int n)
    {
        var r = new Random(m + k + n);
        float[] a = Random(r, m * k), b = Random(r, k * n), bias = Random(r, n);
        float[] c = Enumerable.Repeat(1000f, m * n).ToArray();
        double[] expected = Naive(a, m, k, b, n, new float[m * n], bias);
        Gemm.MatMulBias(a, m, k, b, n, bias, c);
        AssertClose(c, expected, k);
    }

    [Test]
    public void MatMulBias_with_empty_bias_is_the_plain_product()
    {
        var r = new Random(5);
        int m = 3, k = 4, n = 11;
        float[] a = Random(r, m * k), b = Random(r, k * n);
        float[] c = Enumerable.Repeat(-7f, m * n).ToArray();
        double[] expected = Naive(a, m, k, b, n, new float[m * n], null);
        Gemm.MatMulBias(a, m, k, b, n, default, c);
        AssertClose(c, expected, k);
    }

    [Test]
    public void Zero_times_infinity_stays_nan()
    {
        float[] c = [0f];
        Gemm.MatMulAdd([0f], 1, 1, [float.PositiveInfinity], 1, c);
        Assert.That(float.IsNaN(c[0]), Is.True);
    }

    [Test]
    public void Too_short_spans_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Gemm.MatMulAdd(new float[5], 2, 3, new float[6], 2, new float[4]));
        Assert.Throws<ArgumentException>(() => Gemm.MatMulAdd(new float[6], 2, 3, new float[5], 2, new float[4]));
        Assert.Throws<ArgumentException>(() => Gemm.MatMulAdd(new float[6], 2, 3, new float[6], 2, new float[3]));
    }
}
