using RnnParity.Core.Tensors;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Normalization;

namespace RnnParity.Tests.Layers.Normalization;

/// <summary>
/// <see cref="LayerNormalization"/> against Keras's own test values (<c>keras/src/layers/normalization/layer_normalization_test.py</c>)
/// and against the documented formula <c>(x − mean)/√(var + ε)·gamma + beta</c> computed in double on seeded inputs.
/// </summary>
[TestFixture]
public sealed class LayerNormalizationTests
{
    [SetUp]
    public void ClearNames() => Keras.ClearSession();

    static Tensor Row(params float[] values) => new([1, values.Length], values);

    /// <summary>test_output: beta and gamma initialised to ones, input arange(5).</summary>
    [Test]
    public void Keras_test_output()
    {
        var layer = new LayerNormalization();
        layer.Build([1, 5]);
        foreach (var w in layer.Weights) Array.Fill(w.Data, 1f);

        var y = layer.Call(Row(0, 1, 2, 3, 4));

        Assert.That(y.Data, Is.EqualTo(new[] { -0.41386f, 0.29307f, 1.0f, 1.70693f, 2.41386f }).Within(1e-5f));
    }

    /// <summary>test_output_with_rms_scaling: gamma ones, input arange(5); only gamma exists.</summary>
    [Test]
    public void Keras_test_output_with_rms_scaling()
    {
        var layer = new LayerNormalization(rmsScaling: true);
        layer.Build([1, 5]);
        Assert.That(layer.Weights.Select(w => w.Name), Is.EqualTo(new[] { "gamma" }));
        Array.Fill(layer.Weights[0].Data, 1f);

        var y = layer.Call(Row(0, 1, 2, 3, 4));

        Assert.That(y.Data, Is.EqualTo(new[] { 0.0f, 0.70693f, 1.41386f, 2.12079f, 2.82772f }).Within(1e-5f));
    }

    /// <summary>The formula in double, each group normalised over <paramref name="axes"/> of a (2, 3, 4, 5) input.</summary>
    [TestCase(new[] { -1 }, true, true)]
    [TestCase(new[] { -2, -1 }, true, true)]
    [TestCase(new[] { 1 }, true, true)]
    [TestCase(new[] { 1, 3 }, true, false)]
    [TestCase(new[] { -1 }, false, true)]
    [TestCase(new[] { -1 }, false, false)]
    public void Matches_the_formula_in_double(int[] axes, bool center, bool scale)
    {
        var rng = new Random(7);
        int[] shape = [2, 3, 4, 5];
        var layer = new LayerNormalization(axes, epsilon: 1e-3, center: center, scale: scale);
        layer.Build([null, 3, 4, 5]);
        SeededTensors.FillWeights(layer, rng, 0.5, 1.5);
        var x = SeededTensors.Uniform(rng, shape, scale: 3.0, offset: 2.0);

        var y = layer.Call(x);

        int[] sorted = axes.Select(a => a < 0 ? a + 4 : a).Order().ToArray();
        float[] gamma = scale ? layer.Weights[0].Data : [];
        float[] beta = center ? layer.Weights[^1].Data : [];
        foreach (var group in Groups(shape, sorted))
        {
            double mean = group.Average(i => (double)x.Data[i]);
            double var = group.Average(i => (x.Data[i] - mean) * (x.Data[i] - mean));
            // Keras computes var = E[x²] − E[x]² in float32, which cancels: its relative error is about
            // a few float32 epsilons times E[x²] / var, halved by the square root.
            double cancellation = 4 * 1.2e-7 * (mean * mean + var) / (var + 1e-3);
            for (int p = 0; p < group.Length; p++)
            {
                double expected = (x.Data[group[p]] - mean) / Math.Sqrt(var + 1e-3);
                if (scale) expected *= gamma[p];
                if (center) expected += beta[p];
                Assert.That(y.Data[group[p]], Is.EqualTo(expected).Within(2e-5 + (2e-5 + cancellation) * Math.Abs(expected)), $"element {group[p]}");
            }
        }
    }

    /// <summary>Flat indices of each normalised group, in row-major order of the (sorted) axes.</summary>
    static IEnumerable<int[]> Groups(int[] shape, int[] axes)
    {
        int size = shape.Aggregate(1, (a, b) => a * b);
        var byKey = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int flat = 0; flat < size; flat++)
        {
            var index = new int[shape.Length];
            for (int d = shape.Length - 1, r = flat; d >= 0; r /= shape[d], d--) index[d] = r % shape[d];
            string key = string.Join(",", Enumerable.Range(0, shape.Length).Where(d => !axes.Contains(d)).Select(d => index[d]));
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(flat);
        }
        return byKey.Values.Select(l => l.ToArray());
    }

    /// <summary>test_unsorted_axis: [-2, -1] and [-1, -2] normalise the same way.</summary>
    [Test]
    public void Unsorted_axes_give_the_same_result()
    {
        var rng = new Random(3);
        var x = SeededTensors.Uniform(rng, [2, 3, 4]);
        var sorted = new LayerNormalization([-2, -1]);
        var unsorted = new LayerNormalization([-1, -2]);

        Assert.That(unsorted.Call(x).Data, Is.EqualTo(sorted.Call(x).Data));
        Assert.That(unsorted.Axis, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Weights_are_shaped_as_the_normalised_axes_gamma_first()
    {
        var layer = new LayerNormalization([1, 2]);
        layer.Build([null, 3, 4]);
        Assert.That(layer.Weights.Select(w => $"{w.Name}{ShapeUtil.Format(w.Shape)}"), Is.EqualTo(new[] { "gamma(3, 4)", "beta(3, 4)" }));
        Assert.That(layer.CountParams(), Is.EqualTo(24));
        Assert.That(layer.TrainableParams, Is.EqualTo(24));
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 3, 4 }));
    }

    /// <summary>test_ln_basics: center=False and scale=False leave no weights.</summary>
    [Test]
    public void Neither_center_nor_scale_has_no_weights()
    {
        var layer = new LayerNormalization(center: false, scale: false);
        layer.Build([null, 3]);
        Assert.That(layer.Weights, Is.Empty);
    }

    [Test]
    public void The_mask_passes_through_and_does_not_change_the_values()
    {
        var rng = new Random(11);
        var layer = new LayerNormalization();
        var x = SeededTensors.Uniform(rng, [2, 4, 3]);
        var plain = layer.Call(x).Data;
        bool[] mask = SeededTensors.PostPadding(4, 1, 2);

        var y = layer.Call(new Tensor(x.Shape, x.Data) { Mask = mask });

        Assert.That(y.Mask, Is.SameAs(mask));
        Assert.That(y.Data, Is.EqualTo(plain));
    }

    [TestCase(new[] { 3 }, "out of bounds")]
    [TestCase(new[] { -4 }, "out of bounds")]
    [TestCase(new[] { 1, -2 }, "duplicate")]
    public void Bad_axes_are_refused_naming_the_option(int[] axes, string why)
    {
        var layer = new LayerNormalization(axes, name: "ln");
        var e = Assert.Throws<LayerConfigurationException>(() => layer.Build([null, 3, 4]))!;
        Assert.That(e.Option, Is.EqualTo("axis"));
        Assert.That(e.Message, Does.Contain(why).And.Contain("'ln'"));
    }

    [Test]
    public void An_unknown_normalised_dimension_is_refused()
    {
        var layer = new LayerNormalization([1]);
        Assert.Throws<LayerConfigurationException>(() => layer.Build([null, null, 4]));
    }

    static string SequentialJson(string layerConfig) => """
        {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 6, 4], "dtype": "float32", "name": "input_layer"}},
        """ + layerConfig + "]}}";

    [Test]
    public void Loads_from_keras_3_json()
    {
        var model = ModelLoader.FromJson(SequentialJson("""
            {"module": "keras.layers", "class_name": "LayerNormalization", "config": {"name": "layer_normalization", "trainable": true,
             "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null},
             "axis": [-1], "epsilon": 0.01, "center": false, "scale": true, "rms_scaling": false,
             "beta_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null},
             "gamma_initializer": {"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null},
             "beta_regularizer": null, "gamma_regularizer": null, "beta_constraint": null, "gamma_constraint": null}}
            """));

        var ln = (LayerNormalization)model.Layers.Single();
        Assert.That(ln.Epsilon, Is.EqualTo(0.01));
        Assert.That(ln.Center, Is.False);
        Assert.That(ln.Axis, Is.EqualTo(new[] { 2 }));
        Assert.That(ln.Weights.Select(w => w.Name), Is.EqualTo(new[] { "gamma" }));
    }

    [Test]
    public void An_int_axis_loads_too()
    {
        var model = ModelLoader.FromJson(SequentialJson("""{"class_name": "LayerNormalization", "config": {"name": "ln", "axis": 1}}"""));
        Assert.That(((LayerNormalization)model.Layers.Single()).Axis, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void A_bad_axis_in_json_names_the_layer()
    {
        var e = Assert.Throws<KerasConfigException>(() =>
            ModelLoader.FromJson(SequentialJson("""{"class_name": "LayerNormalization", "config": {"name": "ln", "axis": [5]}}""")))!;
        Assert.That(e.Message, Does.Contain("'ln'").And.Contain("axis"));
    }
}
