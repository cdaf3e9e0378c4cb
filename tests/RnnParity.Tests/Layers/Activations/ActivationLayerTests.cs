using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Activations;
using KerasActivation = RnnParity.Layers.Activations.Activation;

namespace RnnParity.Tests.Layers.Activations;

/// <summary>
/// Keras's activation layers (<c>keras/src/layers/activations/</c>): the literal values of their own tests,
/// formulas computed here in double on seeded inputs, shapes, parameters and masks.
/// </summary>
[TestFixture]
public sealed class ActivationLayerTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Tensor Vector(params float[] values) => new([values.Length], values);

    static Tensor Seeded(int seed, params int[] shape)
    {
        var r = new Random(seed);
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = (float)(r.NextDouble() * 6 - 3);
        return t;
    }

    static bool[] SomeMask(int batch, int steps) => Enumerable.Range(0, batch * steps).Select(i => i % 3 != 1).ToArray();

    /// <summary>relu_test.py: test_normal_relu_correctness, test_leaky_relu_correctness, test_threshold_relu_correctness.</summary>
    [TestCase(10.0, 0.0, 0.0, new[] { -10f, -5f, 0f, 5f, 10f }, new[] { 0f, 0f, 0f, 5f, 10f })]
    [TestCase(10.0, 0.5, 0.0, new[] { -10f, -5f, 0f, 5f, 10f }, new[] { -5f, -2.5f, 0f, 5f, 10f })]
    [TestCase(8.0, 0.0, 5.0, new[] { 6f, 7f, 0f, 5f, 10f }, new[] { 6f, 7f, 0f, 0f, 8f })]
    public void ReLU_matches_keras_tests(double max, double slope, double threshold, float[] input, float[] expected)
    {
        Assert.That(new ReLU(max, slope, threshold).Call(Vector(input)).Data, Is.EqualTo(expected));
    }

    [Test]
    public void ReLU_refuses_negative_options_by_name()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ReLU(maxValue: -10))!.Option, Is.EqualTo("max_value"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ReLU(negativeSlope: -10))!.Option, Is.EqualTo("negative_slope"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ReLU(threshold: -10))!.Option, Is.EqualTo("threshold"));
    }

    /// <summary>leaky_relu_test.py: test_leaky_relu_correctness; the default slope is 0.3.</summary>
    [Test]
    public void LeakyReLU_matches_keras_test_and_default()
    {
        Assert.That(new LeakyReLU(0.5).Call(Vector(-10f, -5f, 0f, 5f, 10f)).Data, Is.EqualTo(new[] { -5f, -2.5f, 0f, 5f, 10f }));
        Assert.That(new LeakyReLU().Call(Vector(-10f, 4f)).Data, Is.EqualTo(new[] { -3f, 4f }));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new LeakyReLU(-1))!.Option, Is.EqualTo("negative_slope"));
    }

    /// <summary>elu_test.py::test_correctness: (x &gt; 0)·x + (x ≤ 0)·alpha·(exp(x) − 1), alpha 1 and 0.7.</summary>
    [TestCase(1.0)]
    [TestCase(0.7)]
    public void ELU_matches_keras_formula(double alpha)
    {
        Tensor x = Seeded(3, 2, 2, 5);
        Tensor y = new ELU(alpha).Call(x);
        for (int i = 0; i < x.Length; i++)
        {
            double v = x.Data[i], e = v > 0 ? v : alpha * (Math.Exp(v) - 1);
            Assert.That(y.Data[i], Is.EqualTo(e).Within(1e-6), $"index {i}");
        }
    }

    /// <summary>prelu_test.py::test_prelu_correctness: shared_axes (1, 2) on (2, 10, 5, 3), alpha (1, 1, 3).</summary>
    [Test]
    public void PReLU_matches_keras_test()
    {
        Tensor x = Seeded(4, 2, 10, 5, 3);
        var layer = new PReLU([1, 2]);
        layer.Build([null, 10, 5, 3]);
        Assert.That(layer.Weights.Single().Shape, Is.EqualTo(new[] { 1, 1, 3 }));
        Assert.That(layer.CountParams(), Is.EqualTo(3));
        Assert.That(layer.TrainableParams, Is.EqualTo(3));
        float[] alpha = [0.25f, 0.5f, 0.125f];
        layer.Weights[0].Assign([1, 1, 3], alpha);
        Tensor y = layer.Call(x);
        for (int i = 0; i < x.Length; i++)
        {
            double v = x.Data[i];
            Assert.That(y.Data[i], Is.EqualTo(v > 0 ? v : alpha[i % 3] * v).Within(1e-7), $"index {i}");
        }
    }

    [Test]
    public void PReLU_alpha_shape_follows_the_input_and_the_shared_axes()
    {
        var full = new PReLU();
        full.Build([null, 3, 4]);
        Assert.That(full.Weights[0].Shape, Is.EqualTo(new[] { 3, 4 }));
        Assert.That(full.WeightPaths().Single().Path, Is.EqualTo($"{full.Name}/alpha"));
        // prelu_test.py::test_prelu: shared_axes=1 on (2, 3, 4).
        var shared = new PReLU([1]);
        shared.Build([null, 3, 4]);
        Assert.That(shared.Weights[0].Shape, Is.EqualTo(new[] { 1, 4 }));
        // alpha varies along the unshared axis only.
        shared.Weights[0].Assign([1, 4], [1f, 2f, 3f, 4f]);
        Tensor y = shared.Call(new Tensor([1, 3, 4], Enumerable.Repeat(-1f, 12).ToArray()));
        Assert.That(y.Data, Is.EqualTo(Enumerable.Range(0, 12).Select(i => -(float)(i % 4 + 1))));
    }

    [Test]
    public void PReLU_refuses_unknown_unshared_axes_and_bad_shared_axes()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new PReLU().Build([null, null, 4]))!.Option, Is.EqualTo("input_shape"));
        Assert.DoesNotThrow(() => new PReLU([1]).Build([null, null, 4]));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new PReLU([3]).Build([null, 5, 4]))!.Option, Is.EqualTo("shared_axes"));
        var built = new PReLU();
        built.Build([null, 5, 4]);
        Assert.That(Assert.Throws<LayerConfigurationException>(() => built.Call(new Tensor(1, 5, 3)))!.Option, Is.EqualTo("inputs"));
    }

    /// <summary>softmax_test.py::test_softmax_correctness and test_softmax_correctness_with_axis.</summary>
    [TestCase(-1)]
    [TestCase(1)]
    public void Softmax_matches_keras_tests(int axis)
    {
        Tensor y = new Softmax(axis).Call(new Tensor([2, 3], [1f, 2f, 1f, 1f, 2f, 1f]));
        Assert.That(y.Data, Is.EqualTo(new[] { 0.21194157f, 0.5761169f, 0.21194157f, 0.21194157f, 0.5761169f, 0.21194157f }).Within(1e-7f));
    }

    /// <summary>softmax_test.py::test_softmax_masked_values_are_zero_including_fully_masked.</summary>
    [Test]
    public void Softmax_masked_values_are_zero_including_a_fully_masked_row()
    {
        var x = new Tensor([3, 4], [1f, 2f, 5f, 1f, 1f, 1f, 1f, 1f, 3f, 1f, 2f, 4f])
        {
            Mask = [true, true, false, false, false, false, false, false, true, true, true, true],
        };
        Tensor y = new Softmax().Call(x);
        Assert.That(y.Data, Is.EqualTo(new[] { 0.268941f, 0.731059f, 0f, 0f, 0f, 0f, 0f, 0f, 0.236883f, 0.032059f, 0.087144f, 0.643914f }).Within(1e-6f));
        Assert.That(y.Mask, Is.SameAs(x.Mask), "Softmax supports masking: the mask passes on");
    }

    /// <summary>softmax_test.py::test_softmax_correctness_with_mask: axis (1, 0), the mask masking half the values.</summary>
    [Test]
    public void Softmax_over_two_axes_with_a_mask_matches_keras_test()
    {
        var x = new Tensor([2, 3], [1f, 2f, 1f, 1f, 2f, 1f]) { Mask = [true, false, true, false, true, false] };
        Tensor y = new Softmax([1, 0]).Call(x);
        // Keras's assertAllClose tolerance (1e-6): the logsumexp path rounds differently from exp(x − max) / Σ.
        Assert.That(y.Data, Is.EqualTo(new[] { 0.21194154f, 0f, 0.21194154f, 0f, 0.57611686f, 0f }).Within(1e-6f));
    }

    [Test]
    public void Softmax_over_two_axes_normalises_each_slice()
    {
        Tensor x = Seeded(10, 2, 3, 4);
        Tensor y = new Softmax([-1, 1]).Call(x);
        for (int b = 0; b < 2; b++)
        {
            double sum = Enumerable.Range(0, 12).Sum(i => Math.Exp(x.Data[b * 12 + i]));
            for (int i = 0; i < 12; i++) Assert.That(y.Data[b * 12 + i], Is.EqualTo(Math.Exp(x.Data[b * 12 + i]) / sum).Within(1e-6));
        }
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Softmax([1, -2]).Build([null, 3, 4]))!.Message, Does.Contain("repeated"));
    }

    [Test]
    public void Softmax_along_a_middle_axis_normalises_that_axis()
    {
        Tensor x = Seeded(9, 2, 4, 3);
        Tensor y = new Softmax(1).Call(x);
        for (int b = 0; b < 2; b++)
            for (int f = 0; f < 3; f++)
            {
                double sum = Enumerable.Range(0, 4).Sum(t => Math.Exp(x.Data[(b * 4 + t) * 3 + f]));
                for (int t = 0; t < 4; t++)
                    Assert.That(y.Data[(b * 4 + t) * 3 + f], Is.EqualTo(Math.Exp(x.Data[(b * 4 + t) * 3 + f]) / sum).Within(1e-6));
            }
    }

    /// <summary>A (batch, timesteps) mask is aligned with the last two axes, so Keras refuses it on (batch, timesteps, features ≠ timesteps).</summary>
    [Test]
    public void Softmax_refuses_a_mask_that_does_not_broadcast_as_keras_does()
    {
        var x = new Tensor(2, 5, 3) { Mask = SomeMask(2, 5) };
        var e = Assert.Throws<LayerConfigurationException>(() => new Softmax().Call(x))!;
        Assert.That(e.Option, Is.EqualTo("mask"));
        Assert.That(e.Message, Does.Contain("(2, 5, 3)").And.Contain("broadcastable"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Softmax(3).Build([null, 5, 3]))!.Option, Is.EqualTo("axis"));
    }

    /// <summary>activation.py's docstring: Activation('relu') on [-3, -1, 0, 2] gives [0, 0, 0, 2].</summary>
    [Test]
    public void Activation_applies_the_named_function()
    {
        Assert.That(new KerasActivation("relu").Call(Vector(-3f, -1f, 0f, 2f)).Data, Is.EqualTo(new[] { 0f, 0f, 0f, 2f }));
        Tensor soft = new KerasActivation("softmax").Call(new Tensor([2, 3], [1f, 2f, 1f, 1f, 2f, 1f]));
        Assert.That(soft.Data[1], Is.EqualTo(0.5761169f).Within(1e-7f));
        Assert.That(new KerasActivation(null).Function.Name, Is.EqualTo("linear"));
    }

    [Test]
    public void Activation_refuses_unknown_threshold_and_glu_as_not_supported_yet()
    {
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new KerasActivation("swishy"))!.Option, Is.EqualTo("activation"));
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new KerasActivation("threshold"))!.Message, Does.Contain("default_value"));
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new KerasActivation("glu"))!.Message, Does.Contain("halves the last axis"));
        Assert.That(Assert.Throws<NotSupportedYetException>(() => new RnnParity.Layers.Basic.Dense(4, "glu"))!.Option, Is.EqualTo("activation"));
    }

    public static IEnumerable<TestCaseData> EveryActivationLayer()
    {
        yield return new TestCaseData((Func<Layer>)(() => new KerasActivation("tanh"))).SetName("Mask_and_shape_pass_through(Activation)");
        yield return new TestCaseData((Func<Layer>)(() => new ReLU())).SetName("Mask_and_shape_pass_through(ReLU)");
        yield return new TestCaseData((Func<Layer>)(() => new LeakyReLU())).SetName("Mask_and_shape_pass_through(LeakyReLU)");
        yield return new TestCaseData((Func<Layer>)(() => new ELU())).SetName("Mask_and_shape_pass_through(ELU)");
        yield return new TestCaseData((Func<Layer>)(() => new PReLU())).SetName("Mask_and_shape_pass_through(PReLU)");
        yield return new TestCaseData((Func<Layer>)(() => new Softmax())).SetName("Mask_and_shape_pass_through(Softmax)");
    }

    /// <summary>Every Keras activation layer sets supports_masking = True and keeps the default compute_mask.</summary>
    [TestCaseSource(nameof(EveryActivationLayer))]
    public void Mask_and_shape_pass_through(Func<Layer> make)
    {
        Layer layer = make();
        // Softmax takes a (batch, timesteps) mask only where it broadcasts numpy-style: on (batch, timesteps) values.
        int?[] shape = layer is Softmax ? [null, 4] : [null, 4, 3];
        layer.Build([shape]);
        Assert.That(layer.OutputShapes.Single(), Is.EqualTo(shape));
        var x = layer is Softmax ? Seeded(2, 2, 4) : Seeded(2, 2, 4, 3);
        x.Mask = SomeMask(2, 4);
        Tensor y = layer.Call(x);
        Assert.That(y.Shape, Is.EqualTo(x.Shape));
        Assert.That(y.Mask, Is.EqualTo(x.Mask));
        Assert.That(layer.CountParams(), Is.EqualTo(layer is PReLU ? 12 : 0));
    }

    [Test]
    public void Layers_are_named_as_keras_names_them()
    {
        Assert.That(new ReLU().Name, Is.EqualTo("re_lu"));
        Assert.That(new LeakyReLU().Name, Is.EqualTo("leaky_re_lu"));
        Assert.That(new PReLU().Name, Is.EqualTo("p_re_lu"));
        Assert.That(new ELU().Name, Is.EqualTo("elu"));
        Assert.That(new Softmax().Name, Is.EqualTo("softmax"));
        Assert.That(new KerasActivation("relu").Name, Is.EqualTo("activation"));
    }
}
