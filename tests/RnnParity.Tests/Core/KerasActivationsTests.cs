using RnnParity.Core.Activations;

namespace RnnParity.Tests.Core;

/// <summary>
/// Every activation <see cref="KerasActivations"/> offers, against a double-precision formula written here from Keras 3's
/// definitions (<c>keras/src/backend/numpy/nn.py</c>, <c>keras/src/activations/activations.py</c>).
/// </summary>
[TestFixture]
public sealed class KerasActivationsTests
{
    static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    static double HardSigmoid(double x) => Math.Min(Math.Max(x + 3.0, 0.0), 6.0) / 6.0; // relu6(x + 3) / 6
    static double Softplus(double x) => Math.Max(x, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(x)));
    static double Elu(double x, double alpha) => x >= 0 ? x : alpha * (Math.Exp(x) - 1.0);
    const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    /// <summary>Element-wise references; softmax and log_softmax are checked row-wise below.</summary>
    static readonly Dictionary<string, Func<double, double>> Elementwise = new()
    {
        ["linear"] = x => x,
        ["tanh"] = Math.Tanh,
        ["sigmoid"] = Sigmoid,
        ["hard_sigmoid"] = HardSigmoid,
        // Keras 2's backend.hard_sigmoid, kept for files written by Keras < 3.
        [KerasActivations.Keras2HardSigmoid] = x => Math.Clamp(0.2 * x + 0.5, 0, 1),
        ["relu"] = x => Math.Max(x, 0),
        ["relu6"] = x => Math.Min(Math.Max(x, 0), 6),
        ["leaky_relu"] = x => x >= 0 ? x : 0.2 * x,
        ["elu"] = x => Elu(x, 1.0),
        ["selu"] = x => SeluScale * Elu(x, SeluAlpha),
        ["celu"] = x => Math.Max(x, 0) + (Math.Exp(Math.Min(x, 0)) - 1.0),
        ["softplus"] = Softplus,
        ["softsign"] = x => x / (1 + Math.Abs(x)),
        ["silu"] = x => x * Sigmoid(x),
        ["swish"] = x => x * Sigmoid(x),
        ["hard_silu"] = x => x * HardSigmoid(x),
        ["hard_swish"] = x => x * HardSigmoid(x),
        ["hard_tanh"] = x => Math.Clamp(x, -1, 1),
        ["tanh_shrink"] = x => x - Math.Tanh(x),
        ["exponential"] = Math.Exp,
        ["log_sigmoid"] = x => -Softplus(-x),
        ["mish"] = x => x * Math.Tanh(Softplus(x)),
        ["sparse_sigmoid"] = x => x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1),
        // Keras's gelu by name is approximate=False: x · (1 + erf(x/√2)) / 2.
        ["gelu"] = x => x * (1 + ReferenceErf.Erf(x / Math.Sqrt(2))) / 2,
        ["hard_shrink"] = x => Math.Abs(x) > 0.5 ? x : 0,
        ["soft_shrink"] = x => x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0,
        ["sparse_plus"] = x => x <= -1 ? 0 : x < 1 ? 0.25 * (x + 1) * (x + 1) : x,
        ["squareplus"] = x => (x + Math.Sqrt(x * x + 4)) / 2,
    };

    static readonly float[] Inputs =
        [-20f, -8f, -6f, -3.5f, -3f, -2f, -1f, -0.75f, -0.5f, -0.1f, 0f, 0.1f, 0.5f, 0.75f, 1f, 2f, 3f, 3.5f, 6f, 8f, 20f];

    /// <summary>sparsemax and glu work on whole rows (glu halves them): <see cref="KerasActivationsRowwiseTests"/>.</summary>
    public static IEnumerable<string> Names() =>
        KerasActivations.Names.Where(n => n is not ("sparsemax" or "glu")).Order(StringComparer.Ordinal);

    static void AssertClose(float[] actual, double[] expected, string name)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-6 + 2e-6 * Math.Abs(expected[i])), $"{name} at index {i}");
    }

    [TestCaseSource(nameof(Names))]
    public void Activation_matches_the_keras_formula(string name)
    {
        var activation = KerasActivations.Get(name);
        Assert.That(activation.Name, Is.EqualTo(name));
        float[] values = (float[])Inputs.Clone();
        if (name is "softmax" or "log_softmax")
        {
            // Two rows, the second far from zero so that a softmax without the max shift would overflow.
            float[] rows = [.. Inputs[..7], .. Inputs[..7].Select(v => v + 90f)];
            var expected = Softmax(Inputs[..7], name == "log_softmax").Concat(Softmax(Inputs[..7], name == "log_softmax")).ToArray();
            activation.ApplyRows(rows, 7);
            AssertClose(rows, expected, name);
            return;
        }
        Assert.That(Elementwise.ContainsKey(name), Is.True, $"no reference formula for '{name}' in this test");
        activation.ApplyRows(values, values.Length);
        AssertClose(values, Inputs.Select(v => Elementwise[name](v)).ToArray(), name);
    }

    static double[] Softmax(float[] row, bool log)
    {
        double max = row.Max();
        double sum = row.Sum(v => Math.Exp(v - max));
        return row.Select(v => log ? v - max - Math.Log(sum) : Math.Exp(v - max) / sum).ToArray();
    }

    [Test]
    public void Hard_sigmoid_is_keras_3_relu6_of_x_plus_3_over_6_not_keras_2_line()
    {
        float[] x = [-3f, -1f, 0f, 1f, 2.5f, 3f];
        KerasActivations.Get("hard_sigmoid").Apply(x);
        // Keras 2 (0.2x + 0.5, clipped) would give 0, 0.3, 0.5, 0.7, 1, 1.
        Assert.That(x, Is.EqualTo(new[] { 0f, 1f / 3f, 0.5f, 2f / 3f, 11f / 12f, 1f }).Within(1e-7f));
    }

    [Test]
    public void Softmax_rows_each_sum_to_one()
    {
        var r = new Random(11);
        float[] values = Enumerable.Range(0, 5 * 9).Select(_ => (float)(r.NextDouble() * 40 - 20)).ToArray();
        KerasActivations.Get("softmax").ApplyRows(values, 9);
        for (int row = 0; row < 5; row++)
        {
            var slice = values.AsSpan(row * 9, 9).ToArray();
            Assert.That(slice.Sum(v => (double)v), Is.EqualTo(1.0).Within(1e-6), $"row {row}");
            Assert.That(slice, Has.All.GreaterThanOrEqualTo(0f));
        }
    }

    [Test]
    public void Missing_activation_means_linear()
    {
        Assert.That(KerasActivations.Get(null).Name, Is.EqualTo("linear"));
    }

    [Test]
    public void Unknown_activation_is_refused_by_name()
    {
        var e = Assert.Throws<NotSupportedException>(() => KerasActivations.Get("swishy"));
        Assert.That(e!.Message, Does.Contain("'swishy'"));
    }
}
