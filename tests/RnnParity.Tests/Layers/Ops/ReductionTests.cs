using RnnParity.Core.Tensors;
using RnnParity.Layers.Ops;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Ops;

/// <summary>Reductions (<c>Any</c>, <c>All</c>, <c>Sum</c>, <c>Mean</c>, <c>Max</c>, <c>Min</c>) and <c>Cast</c>, against loops in double written in the test; output shapes as Keras's <c>reduce_shape</c>.</summary>
[TestFixture]
public sealed class ReductionTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Tensor Sample()
    {
        var rng = new Random(5);
        var t = new Tensor(2, 3, 4);
        // Zeros are frequent so that Any and All see both answers.
        for (int i = 0; i < t.Length; i++) t.Data[i] = rng.Next(3) == 0 ? 0f : (float)(rng.NextDouble() * 4 - 2);
        return t;
    }

    static float At(Tensor x, int b, int t, int f) => x.Data[(b * 3 + t) * 4 + f];

    [Test]
    public void Any_over_the_last_axis_is_the_timestep_mask_of_nonzero_features()
    {
        Tensor x = Sample();

        Tensor y = new Any([-1]).Call(x);

        Assert.That(y.Shape, Is.EqualTo(new[] { 2, 3 }));
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 3; t++)
                Assert.That(y.Data[b * 3 + t], Is.EqualTo(Enumerable.Range(0, 4).Any(f => At(x, b, t, f) != 0) ? 1f : 0f));
    }

    [Test]
    public void All_with_keepdims_over_two_axes()
    {
        Tensor x = Sample();

        Tensor y = new All([0, 2], keepdims: true).Call(x);

        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 3, 1 }));
        for (int t = 0; t < 3; t++)
        {
            bool all = true;
            for (int b = 0; b < 2; b++) for (int f = 0; f < 4; f++) all &= At(x, b, t, f) != 0;
            Assert.That(y.Data[t], Is.EqualTo(all ? 1f : 0f));
        }
    }

    [Test]
    public void Sum_mean_max_min_over_the_middle_axis()
    {
        Tensor x = Sample();

        Tensor sum = new Sum([1]).Call(x), mean = new Mean([1]).Call(x), max = new Max([1]).Call(x), min = new Min([1]).Call(x);

        for (int b = 0; b < 2; b++)
            for (int f = 0; f < 4; f++)
            {
                double[] column = Enumerable.Range(0, 3).Select(t => (double)At(x, b, t, f)).ToArray();
                Assert.That(sum.Data[b * 4 + f], Is.EqualTo((float)column.Sum()));
                Assert.That(mean.Data[b * 4 + f], Is.EqualTo((float)(column.Sum() / 3)));
                Assert.That(max.Data[b * 4 + f], Is.EqualTo((float)column.Max()));
                Assert.That(min.Data[b * 4 + f], Is.EqualTo((float)column.Min()));
            }
    }

    [TestCase(null, false, "()")]
    [TestCase(null, true, "(1, 1, 1)")]
    [TestCase(-1, false, "(None, 7)")]
    [TestCase(1, true, "(None, 1, 4)")]
    public void Output_shapes_are_kerass_reduce_shape(int? axis, bool keepdims, string expected)
    {
        var op = new Sum(axis is int a ? new[] { a } : null, keepdims);

        Assert.That(ShapeUtil.Format(op.ComputeOutputShapes([[null, 7, 4]])[0]), Is.EqualTo(expected));
    }

    [Test]
    public void An_axis_out_of_range_is_refused_naming_the_option()
    {
        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => new Any([3], name: "any_bad").ComputeOutputShapes([[null, 7, 4]]))!;

        Assert.That(e.Option, Is.EqualTo("axis"));
        Assert.That(e.Message, Does.Contain("any_bad"));
    }

    [Test]
    public void Cast_truncates_to_integers_and_maps_nonzero_to_true()
    {
        var x = new Tensor([5], [-1.7f, -0.2f, 0f, 0.5f, 2.9f]);

        Assert.That(new Cast("int32").Call(x).Data, Is.EqualTo(new[] { -1f, 0f, 0f, 0f, 2f }));
        Assert.That(new Cast("bool").Call(x).Data, Is.EqualTo(new[] { 1f, 1f, 0f, 1f, 1f }));
        Assert.That(new Cast("float32").Call(x).Data, Is.EqualTo(x.Data));
    }

    [Test]
    public void Cast_to_an_unsupported_dtype_is_refused()
    {
        var e = Assert.Throws<RnnParity.Layers.NotSupportedYetException>(() => new Cast("float16", name: "half"))!;

        Assert.That(e.Message, Does.Contain("half").And.Contain("float16").And.Contain("not supported yet"));
    }
}
