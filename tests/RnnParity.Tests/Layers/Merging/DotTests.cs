using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Merging;
using static RnnParity.Tests.Layers.SeededTensors;

namespace RnnParity.Tests.Layers.Merging;

/// <summary>
/// <see cref="Dot"/>: shapes from Keras's <c>merging_test.py</c> (<c>test_dot_higher_dim</c>, the
/// <c>dot_2d</c> case of its parameterised <c>test_basic</c>, <c>Dot(axes=-1)</c>), values against the batch_dot
/// formula summed in double here, and <c>normalize</c> as L2 normalisation along the dot axis.
/// </summary>
[TestFixture]
public sealed class DotTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    [Test]
    public void Keras_higher_dim_shape_and_values()
    {
        // test_dot_higher_dim: a (1, 3, 2), b (1, 1, 2, 3), axes (-2, -1) -> (1, 2, 1, 2).
        Tensor a = Uniform(1, 1, 3, 2), b = Uniform(2, 1, 1, 2, 3);
        var layer = new Dot([-2, -1]);
        layer.Build([1, 3, 2], [1, 1, 2, 3]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { 1, 2, 1, 2 }));

        var expected = new double[4];
        for (int i = 0; i < 2; i++)          // a's remaining axis
            for (int j = 0; j < 2; j++)      // b's axis 2 (b's axis 1 has size 1)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++) sum += (double)a.Data[Offset(a.Shape, 0, k, i)] * b.Data[Offset(b.Shape, 0, 0, j, k)];
                expected[Offset([1, 2, 1, 2], 0, i, 0, j)] = sum;
            }
        AssertClose(layer.Call([a, b])[0], [1, 2, 1, 2], expected, 1e-6);
    }

    [Test]
    public void Vectors_give_batch_by_one()
    {
        // merging_test.py test_basic "dot_2d": Dot(axes=-1) on (2, 4) and (2, 4) -> (2, 1).
        Tensor a = Uniform(3, 2, 4), b = Uniform(4, 2, 4);
        var layer = new Dot(-1);
        layer.Build([2, 4], [2, 4]);
        Assert.That(layer.OutputShapes[0], Is.EqualTo(new int?[] { 2, 1 }));
        var expected = Enumerable.Range(0, 2).Select(n => Enumerable.Range(0, 4).Sum(k => (double)a.Data[n * 4 + k] * b.Data[n * 4 + k])).ToArray();
        AssertClose(layer.Call([a, b])[0], [2, 1], expected, 1e-6);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Attention_scores_over_steps(bool normalize)
    {
        // (batch, steps, units) · (batch, steps, units) with axes (2, 2): (batch, steps, steps) scores.
        Tensor q = Uniform(5, 2, 3, 4), v = Uniform(6, 2, 5, 4);
        v.Data.AsSpan(Offset(v.Shape, 1, 2, 0), 4).Clear();   // a zero vector: Keras's numpy normalize divides it by 1
        Tensor y = new Dot([2, 2], normalize).Call([q, v])[0];
        double Norm(Tensor t, int n, int s) { double s2 = 0; for (int k = 0; k < 4; k++) s2 += Math.Pow(t.Data[Offset(t.Shape, n, s, k)], 2); return s2 == 0 || !normalize ? 1 : Math.Sqrt(s2); }
        var expected = new double[2 * 3 * 5];
        for (int n = 0; n < 2; n++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 5; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) sum += (double)q.Data[Offset(q.Shape, n, i, k)] * v.Data[Offset(v.Shape, n, j, k)];
                    expected[Offset([2, 3, 5], n, i, j)] = sum / (Norm(q, n, i) * Norm(v, n, j));
                }
        AssertClose(y, [2, 3, 5], expected, 1e-6);
        Assert.That(y.Mask, Is.Null, "Dot.compute_mask returns None");
    }

    [Test]
    public void Normalize_does_not_touch_the_inputs()
    {
        Tensor a = Uniform(7, 2, 4), b = Uniform(8, 2, 4);
        float[] before = (float[])a.Data.Clone();
        _ = new Dot(1, normalize: true).Call([a, b]);
        Assert.That(a.Data, Is.EqualTo(before));
    }

    [Test]
    public void Batch_axis_and_mismatched_axes_are_refused()
    {
        var e = Assert.Throws<LayerConfigurationException>(() => new Dot(0, name: "dot").Build([null, 4], [null, 4]))!;
        Assert.That(e.Message, Does.Contain("'dot'").And.Contain("axis 0"));
        Assert.Throws<LayerConfigurationException>(() => new Dot(1).Build([null, 4], [null, 5]));
        Assert.Throws<LayerConfigurationException>(() => new Dot(1).Build([null, 4]), "two inputs");
        Assert.Throws<LayerConfigurationException>(() => new Dot([1, 2, 3]));
    }
}
