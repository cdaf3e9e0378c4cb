using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Merging;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Merging;

/// <summary>
/// Shapes and broadcasting of the merge layers (Keras's <c>Merge</c>: NumPy broadcasting, a lower-rank
/// input gaining axes after the batch axis), checked element by element against formulas in double.
/// </summary>
[TestFixture]
public sealed class MergeShapeTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [Test]
    public void Broadcasting_over_steps_and_features()
    {
        Tensor a = Uniform(1, 2, 3, 4), b = Uniform(2, 2, 1, 4), c = Uniform(3, 2, 4);
        var layer = new Add();
        layer.Build([null, 3, 4], [null, 1, 4], [null, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 3, 4 }));

        Tensor y = layer.Call([a, b, c])[0];
        var expected = new double[2 * 3 * 4];
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 3; t++)
                for (int f = 0; f < 4; f++)
                    expected[Offset([2, 3, 4], n, t, f)] = (double)a.Data[Offset(a.Shape, n, t, f)] + b.Data[Offset(b.Shape, n, 0, f)] + c.Data[Offset(c.Shape, n, f)];
        AssertClose(y, [2, 3, 4], expected, 1e-6);
    }

    [Test]
    public void Each_merge_computes_its_formula()
    {
        Tensor a = Uniform(4, 2, 3, 5), b = Uniform(5, 2, 3, 5), c = Uniform(6, 2, 3, 5);
        (Merge Layer, Func<double, double, double, double> F)[] merges =
        [
            (new Add(), (x, y, z) => x + y + z),
            (new Average(), (x, y, z) => (x + y + z) / 3),
            (new Multiply(), (x, y, z) => x * y * z),
            (new Maximum(), (x, y, z) => Math.Max(x, Math.Max(y, z))),
            (new Minimum(), (x, y, z) => Math.Min(x, Math.Min(y, z))),
        ];
        foreach (var (layer, f) in merges)
        {
            var expected = a.Data.Select((v, i) => f(v, b.Data[i], c.Data[i])).ToArray();
            AssertClose(layer.Call([a, b, c])[0], [2, 3, 5], expected, 1e-6, layer.ClassName);
        }
        AssertClose(new Subtract().Call([a, b])[0], [2, 3, 5], a.Data.Select((v, i) => (double)v - b.Data[i]).ToArray(), 1e-6, "Subtract");
    }

    [Test]
    public void Incompatible_shapes_are_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Add(name: "add").Build([null, 3, 4], [null, 3, 5]))!;
        Assert.That(e.Message, Does.Contain("'add'").And.Contain("incompatible"));
        Assert.Throws<LayerConfigurationException>(() => new Maximum().Build([2, 4], [3, 4]), "different batch sizes");
    }

    [Test]
    public void Unknown_dimensions_stay_unknown()
    {
        var layer = new Multiply();
        layer.Build([null, null, 4], [null, 6, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, null, 4 }), "Keras: None with anything is None");
    }

    [Test]
    public void Concatenate_shapes()
    {
        var layer = new Concatenate();
        layer.Build([null, 100, 3], [null, 100, 5]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { null, 100, 8 }));
        var steps = new Concatenate(axis: 1);
        steps.Build([null, null, 3], [null, 4, 3]);
        Assert.That(steps.OutputShapes[0], Is.EqualTo(new int?[] { null, null, 3 }));
        var e = Assert.Throws<LayerConfigurationException>(() => new Concatenate(name: "cat").Build([null, 4, 3], [null, 5, 3]))!;
        Assert.That(e.Message, Does.Contain("matching shapes except for the concatenation axis"));
        Assert.Throws<LayerConfigurationException>(() => new Concatenate(axis: 3).Build([null, 4, 3], [null, 4, 3]), "axis out of range");
    }

    [Test]
    public void Concatenate_values_along_the_middle_axis()
    {
        Tensor a = Uniform(7, 2, 2, 3), b = Uniform(8, 2, 1, 3);
        Tensor y = new Concatenate(axis: -2).Call([a, b])[0];
        var expected = new double[2 * 3 * 3];
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 3; t++)
                for (int f = 0; f < 3; f++)
                    expected[Offset([2, 3, 3], n, t, f)] = t < 2 ? a.Data[Offset(a.Shape, n, t, f)] : b.Data[Offset(b.Shape, n, 0, f)];
        AssertClose(y, [2, 3, 3], expected, 0);
    }
}
