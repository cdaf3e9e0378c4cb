using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Normalization;

namespace RnnParity.Tests.Layers.Normalization;

/// <summary>
/// <see cref="BatchNormalization"/> at inference against the documented formula
/// <c>(x − moving_mean)/√(moving_variance + ε)·gamma + beta</c> computed in double, and Keras's
/// weight bookkeeping (<c>keras/src/layers/normalization/batch_normalization_test.py</c>: test_bn_basics,
/// test_trainable_behavior).
/// </summary>
[TestFixture]
public sealed class BatchNormalizationTests
{
    [SetUp]
    public void ClearNames() => Keras.ClearSession();

    static BatchNormalization Built(BatchNormalization layer, int?[] shape, Random rng)
    {
        layer.Build(shape);
        foreach (var w in layer.Weights)
            for (int i = 0; i < w.Data.Length; i++)
                w.Data[i] = w.Name == "moving_variance" ? (float)(0.1 + 2 * rng.NextDouble()) : (float)(2 * rng.NextDouble() - 1);
        return layer;
    }

    [TestCase(-1, true, true)]
    [TestCase(1, true, true)]
    [TestCase(-2, false, true)]
    [TestCase(2, true, false)]
    [TestCase(2, false, false)]
    public void Matches_the_formula_in_double(int axis, bool center, bool scale)
    {
        var rng = new Random(5);
        int[] shape = [3, 4, 5];
        var layer = Built(new BatchNormalization(axis, epsilon: 1e-3, center: center, scale: scale), [null, 4, 5], rng);
        var x = SeededTensors.Uniform(rng, shape, scale: 3.0);

        var y = layer.Call(x);

        var w = layer.Weights.ToDictionary(v => v.Name, v => v.Data);
        int a = axis < 0 ? axis + 3 : axis;
        for (int i = 0; i < x.Length; i++)
        {
            int c = a == 2 ? i % 5 : i / 5 % 4;
            double expected = (x.Data[i] - (double)w["moving_mean"][c]) / Math.Sqrt(w["moving_variance"][c] + 1e-3);
            if (scale) expected *= w["gamma"][c];
            if (center) expected += w["beta"][c];
            Assert.That(y.Data[i], Is.EqualTo(expected).Within(1e-5 + 1e-5 * Math.Abs(expected)), $"element {i}");
        }
    }

    /// <summary>test_trainable_behavior: four weights, the moving statistics never trainable; gamma, beta,
    /// moving_mean, moving_variance is Keras's get_weights() order.</summary>
    [Test]
    public void Weights_in_keras_order_with_non_trainable_moving_statistics()
    {
        var layer = new BatchNormalization();
        layer.Build([null, 20, 64]);

        Assert.That(layer.Weights.Select(w => $"{w.Name}{ShapeUtil.Format(w.Shape)}:{w.Trainable}"),
            Is.EqualTo(new[] { "gamma(64,):True", "beta(64,):True", "moving_mean(64,):False", "moving_variance(64,):False" }));
        Assert.That(layer.CountParams(), Is.EqualTo(256));
        Assert.That(layer.TrainableParams, Is.EqualTo(128));
    }

    /// <summary>test_bn_basics: center=False, scale=False → 0 trainable and 2 non-trainable weights.</summary>
    [Test]
    public void Without_center_and_scale_only_the_moving_statistics_remain()
    {
        var layer = new BatchNormalization(center: false, scale: false);
        layer.Build([null, 3]);
        Assert.That(layer.Weights.Select(w => w.Name), Is.EqualTo(new[] { "moving_mean", "moving_variance" }));
        Assert.That(layer.TrainableParams, Is.Zero);
    }

    [Test]
    public void Renorm_adds_three_non_trainable_weights_that_inference_ignores()
    {
        var rng = new Random(9);
        var plain = Built(new BatchNormalization(), [null, 3], rng);
        var renorm = new BatchNormalization(renorm: true);
        renorm.Build([null, 3]);
        for (int i = 0; i < 4; i++) plain.Weights[i].Data.CopyTo(renorm.Weights[i].Data, 0);
        foreach (var w in renorm.Weights.Skip(4)) Array.Fill(w.Data, 123f);
        var x = SeededTensors.Uniform(rng, [2, 3]);

        Assert.That(renorm.Weights.Skip(4).Select(w => $"{w.Name}:{w.Trainable}"),
            Is.EqualTo(new[] { "moving_stddev:False", "renorm_mean:False", "renorm_stddev:False" }));
        Assert.That(renorm.Call(x).Data, Is.EqualTo(plain.Call(x).Data));
    }

    [Test]
    public void The_mask_passes_through()
    {
        var layer = Built(new BatchNormalization(), [null, 4, 3], new Random(1));
        bool[] mask = SeededTensors.PostPadding(4, 0, 3);
        var y = layer.Call(new Tensor([2, 4, 3]) { Mask = mask });
        Assert.That(y.Mask, Is.SameAs(mask));
    }

    [Test]
    public void An_axis_out_of_bounds_is_refused_naming_the_option()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new BatchNormalization(axis: 3, name: "bn").Build([null, 4, 3]))!;
        Assert.That(e.Option, Is.EqualTo("axis"));
        Assert.That(e.Message, Does.Contain("'bn'"));
    }

    static string SequentialJson(string layerConfig) => """
        {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 6, 4], "dtype": "float32", "name": "input_layer"}},
        """ + layerConfig + "]}}";

    [Test]
    public void Loads_from_keras_3_json()
    {
        var model = ModelLoader.FromJson(SequentialJson("""
            {"module": "keras.layers", "class_name": "BatchNormalization", "config": {"name": "batch_normalization", "trainable": true,
             "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
             "axis": 1, "momentum": 0.9, "epsilon": 0.01, "center": true, "scale": false,
             "beta_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "gamma_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
             "moving_mean_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "moving_variance_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
             "beta_regularizer": null, "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null,
             "synchronized": false, "renorm": false, "renorm_clipping": null, "renorm_momentum": 0.99}}
            """));

        var bn = (BatchNormalization)model.Layers.Single();
        Assert.That((bn.Axis, bn.Epsilon, bn.Momentum, bn.Center, bn.Scale), Is.EqualTo((1, 0.01, 0.9, true, false)));
        Assert.That(bn.Weights.Select(w => $"{w.Name}{ShapeUtil.Format(w.Shape)}"), Is.EqualTo(new[] { "beta(6,)", "moving_mean(6,)", "moving_variance(6,)" }));
        Assert.That(model.CountParams() - model.TrainableParams, Is.EqualTo(12));
    }

    /// <summary>Keras 2 wrote <c>"axis": [2]</c>; Keras 3's legacy loader (saving_utils.py) turns a one-item list into the int.</summary>
    [Test]
    public void A_keras_2_one_item_axis_list_loads()
    {
        var model = ModelLoader.FromJson(SequentialJson("""{"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [2]}}"""));
        Assert.That(((BatchNormalization)model.Layers.Single()).Axis, Is.EqualTo(2));
    }

    [Test]
    public void Several_axes_are_not_supported_yet()
    {
        var e = Assert.Throws<KerasConfigException>(() =>
            ModelLoader.FromJson(SequentialJson("""{"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [1, 2]}}""")))!;
        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain("'bn'"));
    }
}
