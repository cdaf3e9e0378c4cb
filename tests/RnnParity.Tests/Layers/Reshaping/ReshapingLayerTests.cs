using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Reshaping;

namespace RnnParity.Tests.Layers.Reshaping;

/// <summary>
/// Keras's reshaping layers (<c>keras/src/layers/reshaping/</c>): the shapes and values of their own tests and
/// docstrings, numpy's definitions written out here (index arithmetic on arange inputs), errors, and masks
/// (none of these layers supports masking in Keras 3.15, so each drops the mask).
/// </summary>
[TestFixture]
public sealed class ReshapingLayerTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Tensor Arange(params int[] shape)
    {
        var t = new Tensor(shape);
        for (int i = 0; i < t.Length; i++) t.Data[i] = i;
        return t;
    }

    static int?[] S(params int?[] dims) => dims;

    static int?[] OutputShape(Layer layer, int?[] input)
    {
        layer.Build([input]);
        return layer.OutputShapes.Single();
    }

    /// <summary>flatten_test.py: (None, 2, 3) → (None, 6); (5, 2, None) → (5, None); scalar channels (10,) → (10, 1).</summary>
    [Test]
    public void Flatten_shapes_match_keras_tests()
    {
        Assert.That(OutputShape(new Flatten(), S(null, 2, 3)), Is.EqualTo(S(null, 6)));
        Assert.That(OutputShape(new Flatten(), S(5, 2, null)), Is.EqualTo(S(5, null)));
        Assert.That(OutputShape(new Flatten(), S(10)), Is.EqualTo(S(10, 1)));
        Assert.That(new Flatten().Call(Arange(10)).Shape, Is.EqualTo(new[] { 10, 1 }));
    }

    /// <summary>flatten_test.py::test_flatten: channels_last is reshape; channels_first transposes (0, 2, 3, 1) first.</summary>
    [Test]
    public void Flatten_channels_first_moves_channels_last_before_flattening()
    {
        Tensor x = Arange(2, 3, 2, 2);
        Assert.That(new Flatten().Call(x).Data, Is.EqualTo(x.Data));
        Tensor y = new Flatten("channels_first").Call(x);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 12 }));
        for (int b = 0; b < 2; b++)
            for (int h = 0; h < 2; h++)
                for (int w = 0; w < 2; w++)
                    for (int c = 0; c < 3; c++)
                        Assert.That(y.Data[b * 12 + (h * 2 + w) * 3 + c], Is.EqualTo(x.Data[((b * 3 + c) * 2 + h) * 2 + w]));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Flatten("channels_middle"))!.Option, Is.EqualTo("data_format"));
    }

    /// <summary>reshape_test.py::test_reshape, every target shape on (3, 2, 4) or (3, 8).</summary>
    [TestCase(new[] { 8, 1 }, new[] { 3, 2, 4 }, new[] { 3, 8, 1 })]
    [TestCase(new[] { 8 }, new[] { 3, 2, 4 }, new[] { 3, 8 })]
    [TestCase(new[] { 2, 4 }, new[] { 3, 8 }, new[] { 3, 2, 4 })]
    [TestCase(new[] { -1, 1 }, new[] { 3, 2, 4 }, new[] { 3, 8, 1 })]
    [TestCase(new[] { 1, -1 }, new[] { 3, 2, 4 }, new[] { 3, 1, 8 })]
    [TestCase(new[] { -1 }, new[] { 3, 2, 4 }, new[] { 3, 8 })]
    [TestCase(new[] { 2, -1 }, new[] { 3, 2, 4 }, new[] { 3, 2, 4 })]
    public void Reshape_matches_keras_tests(int[] target, int[] input, int[] expected)
    {
        Tensor x = Arange(input);
        Tensor y = new Reshape(target).Call(x);
        Assert.That(y.Shape, Is.EqualTo(expected));
        Assert.That(y.Data, Is.EqualTo(x.Data), "row-major order is kept");
    }

    /// <summary>reshape_test.py: dynamic batch, -1 with a dynamic batch, -1 with a dynamic dimension, static batch kept.</summary>
    [Test]
    public void Reshape_symbolic_shapes_match_keras_tests()
    {
        Assert.That(OutputShape(new Reshape([8]), S(null, 2, 4)), Is.EqualTo(S(null, 8)));
        Assert.That(OutputShape(new Reshape([-1, 8]), S(null, 6, 4)), Is.EqualTo(S(null, 3, 8)));
        Assert.That(OutputShape(new Reshape([-1, 3]), S(4, 6, null, 3)), Is.EqualTo(S(4, null, 3)));
        Assert.That(OutputShape(new Reshape([3, 5]), S(2, null)), Is.EqualTo(S(2, 3, 5)));
        // test_reshape_layer_with_varying_input_size_and_minus_one: -1 is resolved per call.
        var layer = new Reshape([-1, 8]);
        Assert.That(layer.Call(new Tensor(1, 6, 4)).Shape, Is.EqualTo(new[] { 1, 3, 8 }));
        Assert.That(layer.Call(new Tensor(1, 10, 4)).Shape, Is.EqualTo(new[] { 1, 5, 8 }));
    }

    /// <summary>reshape_test.py::test_reshape_rejects_invalid_target_shape, and a size that does not fit.</summary>
    [Test]
    public void Reshape_refuses_bad_target_shapes()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Reshape([-2, 5]))!.Message, Does.Contain("non-negative").And.Contain("(-2, 5)"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Reshape([-1, -1, 5]))!.Message, Does.Contain("at most one unknown dimension"));
        var e = Assert.Throws<LayerConfigurationException>(() => new Reshape([5]).Build([null, 2, 4]))!;
        Assert.That(e.Option, Is.EqualTo("target_shape"));
        Assert.That(e.Message, Does.Contain("total size"));
        Assert.Throws<LayerConfigurationException>(() => new Reshape([-1, 3]).Build([null, 2, 4]));
    }

    /// <summary>permute_test.py::test_permute: dims (3, 1, 2) is numpy's transpose (0, 3, 1, 2); (None, 3, 5) with (2, 1) → (None, 5, 3).</summary>
    [Test]
    public void Permute_matches_keras_tests()
    {
        Tensor x = Arange(2, 3, 4, 5);
        Tensor y = new Permute([3, 1, 2]).Call(x);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 5, 3, 4 }));
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 4; k++)
                        Assert.That(y.Data[((b * 5 + i) * 3 + j) * 4 + k], Is.EqualTo(x.Data[((b * 3 + j) * 4 + k) * 5 + i]));
        Assert.That(OutputShape(new Permute([2, 1]), S(null, 3, 5)), Is.EqualTo(S(null, 5, 3)));
    }

    /// <summary>permute_test.py: dims must be a permutation of 1..n; the input rank must be n + 1.</summary>
    [Test]
    public void Permute_refuses_bad_dims_and_ranks()
    {
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Permute([0, 1, 2]))!.Option, Is.EqualTo("dims"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Permute([1, 4, 2]))!.Option, Is.EqualTo("dims"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new Permute([2, 1]).Build([null, 3, 2, 4]))!.Message, Does.Contain("expected ndim=3"));
    }

    /// <summary>repeat_vector_test.py: np.repeat(reshape(x, (2, 1, 5)), 3, axis=1); symbolic shapes; invalid n.</summary>
    [Test]
    public void RepeatVector_matches_keras_tests()
    {
        Tensor x = Arange(2, 5);
        Tensor y = new RepeatVector(3).Call(x);
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3, 5 }));
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 3; t++)
                for (int f = 0; f < 5; f++)
                    Assert.That(y.Data[(b * 3 + t) * 5 + f], Is.EqualTo(x.Data[b * 5 + f]));
        Assert.That(OutputShape(new RepeatVector(3), S(null, 5)), Is.EqualTo(S(null, 3, 5)));
        Assert.That(OutputShape(new RepeatVector(3), S(2, null)), Is.EqualTo(S(2, 3, null)));
        foreach (int n in new[] { 0, -3 })
            Assert.That(Assert.Throws<LayerConfigurationException>(() => new RepeatVector(n))!.Message, Does.Contain("positive integer"));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new RepeatVector(2).Build([null, 4, 5]))!.Message, Does.Contain("expected ndim=2"));
    }

    /// <summary>zero_padding1d.py's docstring: padding 2 on arange (2, 2, 3) adds two zero steps at each end.</summary>
    [Test]
    public void ZeroPadding1D_matches_keras_docstring()
    {
        Tensor y = new ZeroPadding1D(2).Call(Arange(2, 2, 3));
        float[] z = [0f, 0f, 0f, 0f, 0f, 0f];
        float[] expected = [.. z, 0f, 1f, 2f, 3f, 4f, 5f, .. z, .. z, 6f, 7f, 8f, 9f, 10f, 11f, .. z];
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 6, 3 }));
        Assert.That(y.Data, Is.EqualTo(expected));
    }

    /// <summary>zero_padding1d_test.py: (1, 2) on both data formats; shapes with a dynamic and a static step axis.</summary>
    [Test]
    public void ZeroPadding1D_pads_the_step_axis_of_either_data_format()
    {
        Tensor x = Arange(1, 2, 3);
        Tensor last = new ZeroPadding1D((1, 2), "channels_last").Call(x);
        Assert.That(last.Shape, Is.EqualTo(new[] { 1, 5, 3 }));
        Assert.That(last.Data, Is.EqualTo(new float[] { 0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0 }));
        Tensor first = new ZeroPadding1D((1, 2), "channels_first").Call(x);
        Assert.That(first.Shape, Is.EqualTo(new[] { 1, 2, 6 }));
        Assert.That(first.Data, Is.EqualTo(new float[] { 0, 0, 1, 2, 0, 0, 0, 3, 4, 5, 0, 0 }));
        Assert.That(OutputShape(new ZeroPadding1D((1, 2)), S(1, null, 3)), Is.EqualTo(S(1, null, 3)));
        Assert.That(OutputShape(new ZeroPadding1D((1, 2)), S(1, 2, 3)), Is.EqualTo(S(1, 5, 3)));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new ZeroPadding1D((-1, 0)))!.Option, Is.EqualTo("padding"));
    }

    /// <summary>cropping1d.py's docstring: cropping 1 on arange (2, 3, 2) keeps [[2, 3]] and [[8, 9]].</summary>
    [Test]
    public void Cropping1D_matches_keras_docstring()
    {
        Tensor y = new Cropping1D(1).Call(Arange(2, 3, 2));
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 1, 2 }));
        Assert.That(y.Data, Is.EqualTo(new[] { 2f, 3f, 8f, 9f }));
        Tensor asym = new Cropping1D((2, 0)).Call(Arange(1, 4, 1));
        Assert.That(asym.Data, Is.EqualTo(new[] { 2f, 3f }));
        Assert.That(new Cropping1D().Cropping, Is.EqualTo((1, 1)));
    }

    [Test]
    public void Cropping1D_refuses_cropping_the_whole_sequence()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Cropping1D((2, 1)).Build([null, 3, 4]))!;
        Assert.That(e.Option, Is.EqualTo("cropping"));
        Assert.That(e.Message, Does.Contain("smaller than the input length"));
        var dynamic = new Cropping1D((2, 1));
        Assert.That(OutputShape(dynamic, S(null, null, 4)), Is.EqualTo(S(null, null, 4)));
        Assert.Throws<LayerConfigurationException>(() => dynamic.Call(new Tensor(1, 3, 4)));
    }

    /// <summary>up_sampling1d.py's docstring: size 2 on arange (2, 2, 3) repeats each step twice.</summary>
    [Test]
    public void UpSampling1D_matches_keras_docstring()
    {
        Tensor y = new UpSampling1D(2).Call(Arange(2, 2, 3));
        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 4, 3 }));
        Assert.That(y.Data, Is.EqualTo(new float[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11 }));
        Assert.That(OutputShape(new UpSampling1D(3), S(null, null, 4)), Is.EqualTo(S(null, null, 4)));
        Assert.That(OutputShape(new UpSampling1D(3), S(null, 5, 4)), Is.EqualTo(S(null, 15, 4)));
        Assert.That(Assert.Throws<LayerConfigurationException>(() => new UpSampling1D(0))!.Option, Is.EqualTo("size"));
    }

    public static IEnumerable<TestCaseData> EveryReshapingLayer()
    {
        yield return new TestCaseData((Func<Layer>)(() => new Flatten())).SetName("Mask_is_dropped(Flatten)");
        yield return new TestCaseData((Func<Layer>)(() => new Reshape([12]))).SetName("Mask_is_dropped(Reshape)");
        yield return new TestCaseData((Func<Layer>)(() => new Permute([2, 1]))).SetName("Mask_is_dropped(Permute)");
        yield return new TestCaseData((Func<Layer>)(() => new ZeroPadding1D())).SetName("Mask_is_dropped(ZeroPadding1D)");
        yield return new TestCaseData((Func<Layer>)(() => new Cropping1D())).SetName("Mask_is_dropped(Cropping1D)");
        yield return new TestCaseData((Func<Layer>)(() => new UpSampling1D())).SetName("Mask_is_dropped(UpSampling1D)");
    }

    /// <summary>None of Keras 3.15's reshaping layers sets supports_masking (up_sampling1d_test.py: supports_masking=False).</summary>
    [TestCaseSource(nameof(EveryReshapingLayer))]
    public void Mask_is_dropped(Func<Layer> make)
    {
        var x = Arange(2, 4, 3);
        x.Mask = [true, true, false, false, true, true, true, false];
        Layer layer = make();
        Tensor y = layer.Call(x);
        Assert.That(y.Mask, Is.Null);
        Assert.That(layer.CountParams(), Is.Zero);
        Assert.That(x.Mask, Is.Not.Null, "the input keeps its own mask");
    }

    [Test]
    public void RepeatVector_drops_the_mask()
    {
        var x = Arange(2, 3);
        x.Mask = [true, false];
        Assert.That(new RepeatVector(2).Call(x).Mask, Is.Null);
    }

    [Test]
    public void Layers_are_named_as_keras_names_them()
    {
        Assert.That(new[] { new Flatten().Name, new Reshape([1]).Name, new Permute([1]).Name, new RepeatVector(1).Name, new ZeroPadding1D().Name, new Cropping1D().Name, new UpSampling1D().Name },
            Is.EqualTo(new[] { "flatten", "reshape", "permute", "repeat_vector", "zero_padding1d", "cropping1d", "up_sampling1d" }));
    }
}
