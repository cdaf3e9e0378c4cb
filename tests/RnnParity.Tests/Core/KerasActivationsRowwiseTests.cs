using RnnParity.Core.Activations;
using RnnParity.Core.Math;

namespace RnnParity.Tests.Core;

/// <summary>
/// The activations that are not one-element functions (sparsemax, glu), the parameterised forms
/// (<see cref="KerasActivations.Relu"/>, gelu approximate, ...), the names Keras 3.15 lists that cannot be
/// used by name, and the erf behind gelu.
/// </summary>
[TestFixture]
public sealed class KerasActivationsRowwiseTests
{
    /// <summary>Every name in Keras 3.15's <c>ALL_OBJECTS_DICT</c> (<c>keras/src/activations/__init__.py</c>), aliases included.</summary>
    static readonly string[] Keras315Names =
    [
        "relu", "leaky_relu", "relu6", "softmax", "celu", "elu", "selu", "softplus", "softsign", "squareplus",
        "soft_shrink", "sparse_plus", "silu", "gelu", "glu", "tanh", "tanh_shrink", "threshold", "sigmoid",
        "sparse_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "linear", "mish",
        "log_softmax", "log_sigmoid", "sparsemax", "swish", "hard_swish",
    ];

    [Test]
    public void Every_keras_name_is_served_except_threshold_which_needs_arguments()
    {
        // keras2_hard_sigmoid is RnnParity's own name for Keras 2's formula, which upgraded Keras 2 files use.
        Assert.That(KerasActivations.Names.Where(n => n != KerasActivations.Keras2HardSigmoid), Is.EquivalentTo(Keras315Names.Where(n => n != "threshold")));
        var e = Assert.Throws<NotSupportedException>(() => KerasActivations.Get("threshold"))!;
        Assert.That(e.Message, Does.Contain("threshold").And.Contain("default_value"));
    }

    /// <summary>keras/src/activations/activations_test.py::test_sparsemax: a support of one gives a one-hot row.</summary>
    [Test]
    public void Sparsemax_matches_keras_test_values()
    {
        float[] x = Enumerable.Range(1, 12).Select(i => (float)i).ToArray();
        KerasActivations.Get("sparsemax").ApplyRows(x, 12);
        Assert.That(x, Is.EqualTo(Enumerable.Range(1, 12).Select(i => i == 12 ? 1f : 0f)));

        float[] pairs = Enumerable.Range(1, 12).Select(i => (float)i).ToArray();
        KerasActivations.Get("sparsemax").ApplyRows(pairs, 2);
        Assert.That(pairs, Is.EqualTo(Enumerable.Range(0, 12).Select(i => i % 2 == 1 ? 1f : 0f)));
    }

    /// <summary>
    /// Keras 3.15's threshold sums the cumulative sums over the support (keras-team/keras#23425): written here in
    /// double from that description, and shown to differ from the paper's projection when the support has two or more.
    /// </summary>
    [Test]
    public void Sparsemax_reproduces_keras_3_15_threshold_not_the_papers()
    {
        var r = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] row = Enumerable.Range(0, 7).Select(_ => r.NextDouble() * 2 - 1).ToArray();
            float[] x = row.Select(v => (float)v).ToArray();
            KerasActivations.Get("sparsemax").Apply(x);
            double[] expected = Keras315Sparsemax(x.Length == 7 ? row.Select(v => (double)(float)v).ToArray() : row);
            for (int i = 0; i < 7; i++) Assert.That(x[i], Is.EqualTo(expected[i]).Within(1e-6), $"trial {trial}, index {i}");
        }

        // [0, 0.5, 1]: support {1, 0.5}; Keras 3.15 gives [0, 0, 0.25], the paper [0, 0.25, 0.75] (issue #23425).
        float[] issue = [0f, 0.5f, 1f];
        KerasActivations.Get("sparsemax").Apply(issue);
        Assert.That(issue, Is.EqualTo(new[] { 0f, 0f, 0.25f }).Within(1e-7f));
    }

    static double[] Keras315Sparsemax(double[] row)
    {
        double[] z = row.OrderByDescending(v => v).ToArray();
        double c = 0, cumsums = 0;
        int k = 0;
        for (int j = 0; j < z.Length; j++)
        {
            c += z[j];
            if (z[j] - (c - 1) / (j + 1) > 0) { k++; cumsums += c; }
        }
        double tau = (cumsums - 1) / k;
        return row.Select(v => Math.Max(v - tau, 0)).ToArray();
    }

    /// <summary>glu(x) = a · sigmoid(b), a and b the halves of the last axis (keras/src/activations/activations.py).</summary>
    [Test]
    public void Glu_halves_each_row()
    {
        float[] x = [1f, -2f, 0.5f, 3f, /* row 2 */ -1f, 4f, 2f, -0.25f];
        var y = new float[4];
        GluActivation.ApplyHalving(x, 4, y);
        double S(double v) => 1 / (1 + Math.Exp(-v));
        Assert.That(y, Is.EqualTo(new[] { 1 * S(0.5), -2 * S(3), -1 * S(2), 4 * S(-0.25) }).Within(1e-6));
        Assert.That(KerasActivations.Get("glu").PreservesShape, Is.False);
        Assert.Throws<ArgumentException>(() => GluActivation.ApplyHalving(x, 3, new float[4]));
        Assert.Throws<InvalidOperationException>(() => KerasActivations.Get("glu").Apply(x));
    }

    /// <summary>The examples of keras.activations.relu's docstring (keras/src/activations/activations.py).</summary>
    [TestCase(0.0, null, 0.0, new[] { 0f, 0f, 0f, 5f, 10f })]
    [TestCase(0.5, null, 0.0, new[] { -5f, -2.5f, 0f, 5f, 10f })]
    [TestCase(0.0, 5.0, 0.0, new[] { 0f, 0f, 0f, 5f, 5f })]
    [TestCase(0.0, null, 5.0, new[] { 0f, 0f, 0f, 0f, 10f })]
    public void Relu_with_arguments_matches_keras_docstring(double slope, double? max, double threshold, float[] expected)
    {
        float[] x = [-10f, -5f, 0f, 5f, 10f];
        KerasActivations.Relu(slope, max, threshold).Apply(x);
        Assert.That(x, Is.EqualTo(expected));
    }

    /// <summary>Keras's ReLU layer formula: max_value above it, x above threshold, slope·(x − threshold) below, in double.
    /// At x = threshold the code (<c>where(x &gt; threshold, x, 0)</c>) gives 0, as the docstring example
    /// <c>relu([..., 5, 10], threshold=5) = [..., 0, 10]</c> shows, though the layer's docstring says "threshold ≤ x".</summary>
    [Test]
    public void Relu_with_all_arguments_matches_the_layer_formula()
    {
        const double Slope = 0.3, Max = 4, Threshold = 1.5;
        float[] x = Enumerable.Range(-40, 81).Select(i => i * 0.15f).ToArray();
        double[] expected = x.Select(v => v >= Max ? Max : v > Threshold ? v : Slope * (v - Threshold)).ToArray();
        KerasActivations.Relu(Slope, Max, Threshold).Apply(x);
        for (int i = 0; i < x.Length; i++) Assert.That(x[i], Is.EqualTo(expected[i]).Within(1e-6), $"x index {i}");
    }

    [Test]
    public void Gelu_approximate_is_the_tanh_form()
    {
        float[] x = Enumerable.Range(-30, 61).Select(i => i * 0.2f).ToArray();
        double[] expected = x.Select(v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))).ToArray();
        KerasActivations.Gelu(approximate: true).Apply(x);
        for (int i = 0; i < x.Length; i++) Assert.That(x[i], Is.EqualTo(expected[i]).Within(1e-6 + 1e-6 * Math.Abs(expected[i])));
    }

    [Test]
    public void Threshold_hard_shrink_soft_shrink_and_squareplus_take_their_arguments()
    {
        float[] x = [-2f, -1f, -0.5f, 0f, 0.5f, 1f, 2f];
        float[] t = (float[])x.Clone();
        KerasActivations.Threshold(0.5, -7).Apply(t);
        Assert.That(t, Is.EqualTo(new[] { -7f, -7f, -7f, -7f, -7f, 1f, 2f }));
        float[] h = (float[])x.Clone();
        KerasActivations.HardShrink(1).Apply(h);
        Assert.That(h, Is.EqualTo(new[] { -2f, 0f, 0f, 0f, 0f, 0f, 2f }));
        float[] s = (float[])x.Clone();
        KerasActivations.SoftShrink(1).Apply(s);
        Assert.That(s, Is.EqualTo(new[] { -1f, 0f, 0f, 0f, 0f, 0f, 1f }));
        float[] q = (float[])x.Clone();
        KerasActivations.Squareplus(1).Apply(q);
        Assert.That(q, Is.EqualTo(x.Select(v => (v + Math.Sqrt(v * v + 1)) / 2)).Within(1e-6));
    }

    /// <summary>Against the integral, and a tabulated value (Abramowitz &amp; Stegun table 7.1: erf(1) = 0.8427007929).</summary>
    [Test]
    public void Erf_matches_its_integral()
    {
        Assert.That(SpecialFunctions.Erf(1.0), Is.EqualTo(0.8427007929).Within(1e-10));
        for (double x = -7; x <= 7; x += 0.0625)
            Assert.That(SpecialFunctions.Erf(x), Is.EqualTo(ReferenceErf.Erf(x)).Within(1e-13), $"x = {x}");
        Assert.That(double.IsNaN(SpecialFunctions.Erf(double.NaN)), Is.True);
    }
}
