using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;

namespace RnnParity.Tests.Core;

/// <summary>
/// <see cref="LstmGates.Apply"/>'s one-pass path for Keras's defaults (tanh, sigmoid) gives the same bits
/// as the pass-per-function path it replaces (the same functions under other instances take that path), for
/// widths that fill whole vectors, leave a tail, or are shorter than one vector.
/// </summary>
[TestFixture]
public sealed class LstmGatesTests
{
    [TestCase(16)]
    [TestCase(128)]
    [TestCase(8)]
    [TestCase(3)]
    [TestCase(21)]
    [TestCase(40)]
    public void FusedDefaultsGiveTheBitsOfOnePassPerFunction(int units)
    {
        var r = new Random(units);
        float[] z = [.. Enumerable.Range(0, 4 * units).Select(_ => (float)(r.NextDouble() * 12 - 6))];
        float[] cPrev = [.. Enumerable.Range(0, units).Select(_ => (float)(r.NextDouble() * 4 - 2))];
        // Not KerasActivations.Tanh/Sigmoid themselves, so Apply cannot recognise them and fuse.
        var tanh = new ElementwiseActivation("tanh", VectorMath.Tanh);
        var sigmoid = new ElementwiseActivation("sigmoid", VectorMath.Sigmoid);

        float[] zFused = (float[])z.Clone(), hFused = new float[units], cFused = new float[units];
        LstmGates.Apply(zFused, cPrev, hFused, cFused, KerasActivations.Tanh, KerasActivations.Sigmoid);
        float[] zPasses = (float[])z.Clone(), hPasses = new float[units], cPasses = new float[units];
        LstmGates.Apply(zPasses, cPrev, hPasses, cPasses, tanh, sigmoid);

        Assert.That(Bits(hFused), Is.EqualTo(Bits(hPasses)), "h");
        Assert.That(Bits(cFused), Is.EqualTo(Bits(cPasses)), "c");
        Assert.That(Bits(zFused), Is.EqualTo(Bits(zPasses)), "the activated gates left in z for the gate trace");
        Assert.That(hFused.Any(v => v != 0f), Is.True, "nothing was computed");
    }

    [Test]
    public void GatesFollowKerasLstmCellEquations()
    {
        const int units = 19;
        var r = new Random(3);
        float[] z = [.. Enumerable.Range(0, 4 * units).Select(_ => (float)(r.NextDouble() * 6 - 3))];
        float[] cPrev = [.. Enumerable.Range(0, units).Select(_ => (float)(r.NextDouble() * 2 - 1))];
        float[] h = new float[units], c = new float[units];
        LstmGates.Apply((float[])z.Clone(), cPrev, h, c, KerasActivations.Tanh, KerasActivations.Sigmoid);
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int j = 0; j < units; j++)
        {
            double cj = Sigmoid(z[units + j]) * cPrev[j] + Sigmoid(z[j]) * Math.Tanh(z[2 * units + j]);
            Assert.That(c[j], Is.EqualTo(cj).Within(1e-6), $"c[{j}]");
            Assert.That(h[j], Is.EqualTo(Sigmoid(z[3 * units + j]) * Math.Tanh(cj)).Within(1e-6), $"h[{j}]");
        }
    }

    static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
