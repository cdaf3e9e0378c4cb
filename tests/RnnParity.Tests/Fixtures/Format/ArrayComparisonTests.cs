using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>|a - e| &lt;= atol + rtol*|e|, NaN/inf rules, shape mismatch, max abs error and mismatch indices.</summary>
public class ArrayComparisonTests
{
    static ComparisonResult Cmp(double[] expected, double[] actual, double atol, double rtol) =>
        ArrayComparison.Compare(expected, [expected.Length], actual, [actual.Length], atol, rtol);

    [Test]
    public void Difference_equal_to_the_tolerance_passes_and_one_ulp_more_fails()
    {
        // atol 0.25 + rtol 0.5 * |2| = 1.25, all exact in binary.
        Assert.That(Cmp([2.0], [3.25], 0.25, 0.5).Passed, Is.True);
        Assert.That(Cmp([2.0], [0.75], 0.25, 0.5).Passed, Is.True);
        Assert.That(Cmp([2.0], [Math.BitIncrement(3.25)], 0.25, 0.5).Passed, Is.False);
        Assert.That(Cmp([2.0], [0.7499999], 0.25, 0.5).Passed, Is.False);
    }

    [Test]
    public void Relative_part_scales_with_the_expected_value_not_the_actual()
    {
        // |e| = 100: bound 1; |a| = 200 would give 2 if the formula used |a|.
        Assert.That(Cmp([100.0], [101.0], 0, 0.01).Passed, Is.True);
        Assert.That(Cmp([100.0], [101.5], 0, 0.01).Passed, Is.False);
        Assert.That(Cmp([-100.0], [-101.0], 0, 0.01).Passed, Is.True);
    }

    [TestCase(double.NaN, double.NaN, true)]
    [TestCase(double.NaN, 0.0, false)]
    [TestCase(0.0, double.NaN, false)]
    [TestCase(double.PositiveInfinity, double.PositiveInfinity, true)]
    [TestCase(double.NegativeInfinity, double.NegativeInfinity, true)]
    [TestCase(double.PositiveInfinity, double.NegativeInfinity, false)]
    [TestCase(double.PositiveInfinity, double.MaxValue, false)]
    [TestCase(double.MaxValue, double.PositiveInfinity, false)]
    [TestCase(double.NaN, double.PositiveInfinity, false)]
    public void Special_values_match_only_themselves(double expected, double actual, bool passes) =>
        Assert.That(ArrayComparison.IsClose(actual, expected, 1e300, 1e300), Is.EqualTo(passes));

    [Test]
    public void Shape_mismatch_is_reported_as_such()
    {
        double[] six = [1, 2, 3, 4, 5, 6];
        ComparisonResult r = ArrayComparison.Compare(six, [2, 3], six, [3, 2], 1, 1);
        Assert.That(r.Passed, Is.False);
        Assert.That(r.ShapeMatches, Is.False);
        Assert.That(r.MismatchCount, Is.EqualTo(0));
        Assert.That(r.Describe(), Is.EqualTo("NOT OK: expected shape (2, 3), got (3, 2)"));
    }

    [Test]
    public void Max_abs_error_is_over_finite_pairs_and_mismatches_carry_indices()
    {
        int[] shape = [2, 3, 4];
        var e = new double[24];
        var a = new double[24];
        for (int i = 0; i < 24; i++) e[i] = a[i] = i;
        a[5] += 0.25;           // within atol 0.5
        a[17] += 2;             // [1, 1, 1]
        a[23] = double.PositiveInfinity; // [1, 2, 3]: mismatch, not counted in MaxAbsError
        ComparisonResult r = ArrayComparison.Compare(e, shape, a, shape, 0.5, 0);
        Assert.That(r.Passed, Is.False);
        Assert.That(r.MismatchCount, Is.EqualTo(2));
        Assert.That(r.MaxAbsError, Is.EqualTo(2.0));
        Assert.That(r.FirstMismatches.Select(m => m.FlatIndex), Is.EqualTo(new long[] { 17, 23 }));
        Assert.That(r.FirstMismatches[0].Index, Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(r.FirstMismatches[1].Index, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(r.FirstMismatches[0].Actual, Is.EqualTo(19.0));
        Assert.That(r.FirstMismatches[0].Expected, Is.EqualTo(17.0));
        Assert.That(r.Describe(), Does.Contain("2 of 24").And.Contain("[1, 1, 1] (flat 17): actual 19, expected 17"));
    }

    [Test]
    public void Reported_mismatches_are_capped_but_all_are_counted()
    {
        double[] e = new double[50], a = Enumerable.Repeat(1.0, 50).ToArray();
        ComparisonResult r = ArrayComparison.Compare(e, [50], a, [50], 0, 0, maxReported: 3);
        Assert.That(r.MismatchCount, Is.EqualTo(50));
        Assert.That(r.FirstMismatches, Has.Count.EqualTo(3));
    }

    [Test]
    public void Float32_overload_and_tensor_overload_agree()
    {
        float[] e = [1f, 2f, 3f], a = [1f, 2.5f, 3f];
        ComparisonResult r1 = ArrayComparison.Compare(e, [3], a, [3], 0.1, 0);
        ComparisonResult r2 = ArrayComparison.Compare(NpyArray.FromFloat32(e, 3), new RnnParity.Core.Tensors.Tensor([3], a), new FixtureTolerance(0.1, 0));
        Assert.That(r1.MismatchCount, Is.EqualTo(1));
        Assert.That(r2.MismatchCount, Is.EqualTo(1));
        Assert.That(r1.MaxAbsError, Is.EqualTo(0.5));
        Assert.That(r2.MaxUlpDistance, Is.EqualTo(r1.MaxUlpDistance).And.GreaterThan(0));
    }

    [Test]
    public void Passing_result_describes_itself_as_ok() =>
        Assert.That(Cmp([1, 2], [1, 2], 0, 0).Describe(), Does.StartWith("OK: 2 elements, max abs error 0, max 0 ulp"));
}
