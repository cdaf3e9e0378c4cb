using System.Runtime.Intrinsics;
using RnnParity.Core.Math;

namespace RnnParity.Tests.Core;

/// <summary>
/// <see cref="VectorMath"/>'s exp, tanh and sigmoid against double-precision <see cref="Math"/> (to a few
/// float ulp, far inside the fixtures' 1e-6), their limits and NaN, and the promise the threads rely on: a
/// value's result does not depend on its place in the span, the span's length or the vector width.
/// </summary>
[TestFixture]
public sealed class VectorMathTests
{
    static float[] Grid(double from, double to, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (float)(from + (to - from) * i / (count - 1)))];

    // Spacing of floats at |y|: the error budget is counted in these.
    static double Ulp(double y) { float f = Math.Abs((float)y); return Math.Max((double)MathF.BitIncrement(f) - f, float.Epsilon); }

    static void AssertWithinUlps(float[] x, float[] actual, Func<double, double> exact, double ulps, string name)
    {
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = exact(x[i]), error = Math.Abs(actual[i] - y) / Ulp(y);
            if (error > worst) (worst, worstAt) = (error, x[i]);
        }
        Assert.That(worst, Is.LessThanOrEqualTo(ulps), $"{name}: {worst:F2} ulp at x = {worstAt:R}");
    }

    [Test]
    public void ExpIsWithinThreeUlpUpToOverflowAndDownToSubnormals()
    {
        float[] x = [.. Grid(-103, 88.72, 200_001), 88.7228f, -87.4f, -95f];
        float[] y = (float[])x.Clone();
        VectorMath.Exp(y);
        AssertWithinUlps(x, y, Math.Exp, 3, "exp");
    }

    [Test]
    public void TanhIsWithinThreeUlp()
    {
        float[] x = [.. Grid(-12, 12, 200_001), .. Grid(-1e-3, 1e-3, 2001), 1e-30f, -1e-30f];
        float[] y = (float[])x.Clone();
        VectorMath.Tanh(y);
        AssertWithinUlps(x, y, Math.Tanh, 3, "tanh");
    }

    [Test]
    public void SigmoidIsWithinThreeUlpOfTheNumpyFormula()
    {
        float[] x = Grid(-80, 80, 200_001);
        float[] y = (float[])x.Clone();
        VectorMath.Sigmoid(y);
        AssertWithinUlps(x, y, v => 1 / (1 + Math.Exp(-v)), 3, "sigmoid");
    }

    [Test]
    public void LimitsAndNaN()
    {
        float[] x = [float.PositiveInfinity, float.NegativeInfinity, 100f, -110f, float.NaN, 0f, -0f];
        float[] exp = (float[])x.Clone(), tanh = (float[])x.Clone(), sigmoid = (float[])x.Clone();
        VectorMath.Exp(exp);
        VectorMath.Tanh(tanh);
        VectorMath.Sigmoid(sigmoid);
        Assert.That(exp, Is.EqualTo(new[] { float.PositiveInfinity, 0f, float.PositiveInfinity, 0f, float.NaN, 1f, 1f }));
        Assert.That(tanh, Is.EqualTo(new[] { 1f, -1f, 1f, -1f, float.NaN, 0f, -0f }));
        Assert.That(BitConverter.SingleToInt32Bits(tanh[6]), Is.EqualTo(BitConverter.SingleToInt32Bits(-0f)), "tanh(-0) keeps its sign");
        Assert.That(sigmoid, Is.EqualTo(new[] { 1f, 0f, 1f, 0f, float.NaN, 0.5f, 0.5f }));
    }

    [Test]
    public void AValueGivesTheSameBitsAnywhereInAnySpan()
    {
        float[] x = Grid(-9, 9, 1001);
        foreach (var (name, map) in new (string, Action<float[]>)[] { ("exp", a => VectorMath.Exp(a)), ("tanh", a => VectorMath.Tanh(a)), ("sigmoid", a => VectorMath.Sigmoid(a)) })
        {
            float[] whole = (float[])x.Clone();
            map(whole);
            // One at a time: every value goes through the padded tail instead of the vector body.
            float[] single = [.. x.Select(v => { float[] one = [v]; map(one); return one[0]; })];
            Assert.That(single.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(whole.Select(BitConverter.SingleToInt32Bits)), name);
        }
    }

    [Test]
    public void The256BitAnd512BitLanesAgreeBitForBit()
    {
        if (!Vector512.IsHardwareAccelerated) Assert.Ignore("this CPU has no AVX-512: only the 256-bit path runs here.");
        float[] x = Grid(-95, 95, 16 * 4001);
        for (int i = 0; i < x.Length; i += 16)
        {
            var v512 = Vector512.Create(x.AsSpan(i, 16));
            var lo = Vector256.Create(x.AsSpan(i, 8));
            var hi = Vector256.Create(x.AsSpan(i + 8, 8));
            foreach (var (name, wide, low, high) in new[]
            {
                ("exp", VectorMath.Exp(v512), VectorMath.Exp(lo), VectorMath.Exp(hi)),
                ("tanh", VectorMath.Tanh(v512), VectorMath.Tanh(lo), VectorMath.Tanh(hi)),
                ("sigmoid", VectorMath.Sigmoid(v512), VectorMath.Sigmoid(lo), VectorMath.Sigmoid(hi)),
            })
                Assert.That(wide.AsInt32(), Is.EqualTo(Vector512.Create(low.AsInt32(), high.AsInt32())), $"{name} at x = {x[i]:R}…");
        }
    }
}
