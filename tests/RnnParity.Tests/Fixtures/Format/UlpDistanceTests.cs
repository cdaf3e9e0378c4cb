using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>float32 ULP distance, used for drift reports.</summary>
public class UlpDistanceTests
{
    [Test]
    public void Adjacent_floats_are_one_apart() =>
        Assert.That(ArrayComparison.UlpDistance(1f, MathF.BitIncrement(1f)), Is.EqualTo(1));

    [Test]
    public void Distance_is_symmetric_and_counts_steps() =>
        Assert.That(ArrayComparison.UlpDistance(MathF.BitIncrement(MathF.BitIncrement(1f)), MathF.BitDecrement(1f)), Is.EqualTo(3));

    [Test]
    public void Zeros_are_equal_and_straddling_zero_counts_both_sides()
    {
        Assert.That(ArrayComparison.UlpDistance(0f, -0f), Is.EqualTo(0));
        Assert.That(ArrayComparison.UlpDistance(-float.Epsilon, float.Epsilon), Is.EqualTo(2));
    }

    [Test]
    public void Largest_float_and_infinity_are_one_apart() =>
        Assert.That(ArrayComparison.UlpDistance(float.MaxValue, float.PositiveInfinity), Is.EqualTo(1));

    [Test]
    public void NaN_is_zero_from_nan_and_infinitely_far_from_anything_else()
    {
        Assert.That(ArrayComparison.UlpDistance(float.NaN, float.NaN), Is.EqualTo(0));
        Assert.That(ArrayComparison.UlpDistance(float.NaN, 1f), Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Opposite_extremes_do_not_overflow() =>
        Assert.That(ArrayComparison.UlpDistance(float.NegativeInfinity, float.PositiveInfinity), Is.EqualTo(2L * 0x7F800000));
}
