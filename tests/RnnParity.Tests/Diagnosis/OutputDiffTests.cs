using RnnParity.Diagnosis;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis;

/// <summary>The per-output figures of <c>diff</c> on small arrays whose answers can be read off by hand.</summary>
public sealed class OutputDiffTests
{
    static readonly FixtureTolerance Tol = new(1e-5, 1e-5);

    [Test]
    public void Figures_of_a_sequence_output()
    {
        // (batch 1, timesteps 3, units 2): step 0 exact, step 1 off by 0.5 at unit 1, step 2 off by 1e-6.
        var expected = NpyArray.FromFloat32([1f, 2f, 3f, 4f, 5f, 6f], 1, 3, 2);
        double[] actual = [1, 2, 3, 4.5, 5, 6.000001];

        var d = OutputDiff.Of(0, 0, "output_0", expected, actual, [1, 3, 2], Tol);

        Assert.That(d.ShapeOk, Is.True);
        Assert.That(d.MaxAbsError, Is.EqualTo(0.5));
        Assert.That(d.MaxRelError, Is.EqualTo(0.5 / 4));
        Assert.That(d.Worst!.Index, Is.EqualTo(new[] { 0, 1, 1 }));
        Assert.That((d.Worst.Actual, d.Worst.Expected), Is.EqualTo((4.5, 4.0)));
        Assert.That(d.OutOfToleranceCount, Is.EqualTo(1));
        Assert.That(d.OutOfToleranceShare, Is.EqualTo(1.0 / 6));
        Assert.That(d.PerTimestep, Is.EqualTo(new[] { 0, 0.5, 6.000001 - 6.0 }).Within(1e-12));
        Assert.That(d.FirstBadTimestep, Is.EqualTo(1));
        Assert.That(d.MaxUlp, Is.EqualTo(ArrayComparison.UlpDistance(4.5f, 4f)));
    }

    [Test]
    public void A_last_state_output_has_no_time_axis()
    {
        var expected = NpyArray.FromFloat32([1f, 2f], 1, 2);

        var d = OutputDiff.Of(0, 0, "output_0", expected, [1.0, 3.0], [1, 2], Tol);

        Assert.That(d.PerTimestep, Is.Null);
        Assert.That(d.FirstBadTimestep, Is.Null);
        Assert.That(d.OutOfToleranceCount, Is.EqualTo(1));
    }

    [Test]
    public void Different_shapes_compare_nothing_and_say_so()
    {
        var expected = NpyArray.FromFloat32([1f, 2f], 1, 2);

        var d = OutputDiff.Of(0, 0, "output_0", expected, [1.0, 2.0], [2, 1], Tol);

        Assert.That(d.ShapeOk, Is.False);
        Assert.That(d.Passed, Is.False);
        Assert.That(d.MaxAbsError, Is.NaN);
    }

    [Test]
    public void A_NaN_against_a_number_is_the_worst_element()
    {
        var expected = NpyArray.FromFloat32([1f, 2f, 3f], 1, 3);

        var d = OutputDiff.Of(0, 0, "output_0", expected, [1.1, double.NaN, 3.0], [1, 3], Tol);

        Assert.That(d.Worst!.Index, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(d.MaxAbsError, Is.EqualTo(double.PositiveInfinity));
        Assert.That(d.OutOfToleranceCount, Is.EqualTo(2));
    }
}
