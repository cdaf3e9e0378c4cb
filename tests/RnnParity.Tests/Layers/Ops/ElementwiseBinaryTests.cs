using RnnParity.Core.Tensors;
using RnnParity.Layers.Ops;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Ops;

/// <summary>
/// The two-argument operations against the NumPy formulas computed in double element by element, with
/// NumPy broadcasting worked out by index in the test; Keras's symbolic <c>broadcast_shapes</c>.
/// </summary>
[TestFixture]
public sealed class ElementwiseBinaryTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static Tensor Integers(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        var t = new Tensor(shape);
        // Small integers make equal pairs common, so the comparisons see both answers.
        for (int i = 0; i < t.Length; i++) t.Data[i] = rng.Next(-2, 3);
        return t;
    }

    public static IEnumerable<TestCaseData> Operations()
    {
        yield return new TestCaseData(new Add(), (Func<double, double, double>)((a, b) => a + b));
        yield return new TestCaseData(new Subtract(), (Func<double, double, double>)((a, b) => a - b));
        yield return new TestCaseData(new Multiply(), (Func<double, double, double>)((a, b) => a * b));
        yield return new TestCaseData(new Maximum(), (Func<double, double, double>)Math.Max);
        yield return new TestCaseData(new Minimum(), (Func<double, double, double>)Math.Min);
        yield return new TestCaseData(new Equal(), (Func<double, double, double>)((a, b) => a == b ? 1 : 0));
        yield return new TestCaseData(new NotEqual(), (Func<double, double, double>)((a, b) => a != b ? 1 : 0));
        yield return new TestCaseData(new Greater(), (Func<double, double, double>)((a, b) => a > b ? 1 : 0));
        yield return new TestCaseData(new GreaterEqual(), (Func<double, double, double>)((a, b) => a >= b ? 1 : 0));
        yield return new TestCaseData(new Less(), (Func<double, double, double>)((a, b) => a < b ? 1 : 0));
        yield return new TestCaseData(new LessEqual(), (Func<double, double, double>)((a, b) => a <= b ? 1 : 0));
        yield return new TestCaseData(new LogicalAnd(), (Func<double, double, double>)((a, b) => a != 0 && b != 0 ? 1 : 0));
        yield return new TestCaseData(new LogicalOr(), (Func<double, double, double>)((a, b) => a != 0 || b != 0 ? 1 : 0));
    }

    [TestCaseSource(nameof(Operations))]
    public void Broadcasts_a_column_against_a_batch_as_numpy(ElementwiseBinary op, Func<double, double, double> formula)
    {
        Tensor x = Integers(1, 2, 3, 4), y = Integers(2, 3, 1);

        Tensor z = op.Call([x, y])[0];

        Assert.That(z.Shape, Is.EqualTo(new[] { 2, 3, 4 }));
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 3; t++)
                for (int f = 0; f < 4; f++)
                {
                    double expected = formula(x.Data[(b * 3 + t) * 4 + f], y.Data[t]);
                    Assert.That(z.Data[(b * 3 + t) * 4 + f], Is.EqualTo((float)expected), $"{op.ClassName} at ({b}, {t}, {f})");
                }
    }

    [Test]
    public void A_scalar_constant_compares_with_every_element()
    {
        Tensor x = Integers(3, 2, 5);

        Tensor z = new NotEqual().Call([x, new Tensor([], [0f])])[0];

        Assert.That(z.Data, Is.EqualTo(x.Data.Select(v => v != 0 ? 1f : 0f).ToArray()));
        Assert.That(z.Mask, Is.Null, "operations pass no mask on");
    }

    [Test]
    public void Divide_follows_ieee_for_zero_divisors()
    {
        Tensor z = new Divide().Call([new Tensor([3], [1f, -1f, 0f]), new Tensor([], [0f])])[0];

        Assert.That(z.Data[0], Is.EqualTo(float.PositiveInfinity));
        Assert.That(z.Data[1], Is.EqualTo(float.NegativeInfinity));
        Assert.That(float.IsNaN(z.Data[2]), Is.True);
    }

    /// <summary>Keras's <c>broadcast_shapes</c> docstring example, and its None rules (<c>operation_utils.py</c>).</summary>
    [TestCase(new[] { 5, 3 }, new[] { 1, 3 }, "(5, 3)")]
    [TestCase(new[] { -1, 7, 4 }, new int[0], "(None, 7, 4)")]
    [TestCase(new[] { -1, 1 }, new[] { 5, 3 }, "(5, 3)")]
    [TestCase(new[] { 1, 3 }, new[] { -1, 3 }, "(None, 3)")]
    [TestCase(new[] { -1, 3 }, new[] { 4, 1 }, "(4, 3)")]
    public void Symbolic_shapes_broadcast_as_keras(int[] a, int[] b, string expected)
    {
        static int?[] Symbolic(int[] s) => s.Select(d => d < 0 ? (int?)null : d).ToArray();

        var shapes = new Add().ComputeOutputShapes([Symbolic(a), Symbolic(b)]);

        Assert.That(ShapeUtil.Format(shapes[0]), Is.EqualTo(expected));
    }

    [Test]
    public void Shapes_that_do_not_broadcast_are_refused_naming_the_operation()
    {
        var op = new Add(name: "plus");

        var e = Assert.Throws<RnnParity.Layers.LayerConfigurationException>(() => op.Call([new Tensor(2, 3), new Tensor(2, 4)]))!;

        Assert.That(e.Message, Does.Contain("plus").And.Contain("(2, 3)").And.Contain("(2, 4)"));
    }

    [Test]
    public void Names_and_class_names_are_kerass()
    {
        Assert.That(new NotEqual().Name, Is.EqualTo("not_equal"));
        Assert.That(new GreaterEqual().Name, Is.EqualTo("greater_equal"));
        Assert.That(new LogicalAnd().ClassName, Is.EqualTo("LogicalAnd"));
        Assert.That(new NotEqual().CountParams(), Is.Zero);
    }
}
