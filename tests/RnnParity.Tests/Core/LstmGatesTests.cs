using RnnParity.Core.Activations;
using RnnParity.Core.Cells;

namespace RnnParity.Tests.Core;

/// <summary><see cref="LstmGates.Apply"/> with Keras's default activations against LSTMCell's equations in double.</summary>
[TestFixture]
public sealed class LstmGatesTests
{
    [Test]
    public void GatesFollowKerasLstmCellEquations()
    {
        const int units = 19;
        var r = new Random(3);
        float[] z = [.. Enumerable.Range(0, 4 * units).Select(_ => (float)(r.NextDouble() * 6 - 3))];
        float[] cPrev = [.. Enumerable.Range(0, units).Select(_ => (float)(r.NextDouble() * 2 - 1))];
        float[] h = new float[units], c = new float[units];
        LstmGates.Apply((float[])z.Clone(), cPrev, h, c, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        for (int j = 0; j < units; j++)
        {
            double cj = Sigmoid(z[units + j]) * cPrev[j] + Sigmoid(z[j]) * Math.Tanh(z[2 * units + j]);
            Assert.That(c[j], Is.EqualTo(cj).Within(1e-6), $"c[{j}]");
            Assert.That(h[j], Is.EqualTo(Sigmoid(z[3 * units + j]) * Math.Tanh(cj)).Within(1e-6), $"h[{j}]");
        }
    }

}
