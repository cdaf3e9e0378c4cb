using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using static RnnParity.Tests.Fixtures.Format.FixtureTestFiles;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>
/// Regression: a zero dimension beside huge ones is an empty array (numpy agrees), not an
/// OverflowException escaping the reader. Found by reading the code while writing the fuzz harness.
/// </summary>
[TestFixture]
public sealed class NpyEmptyHugeShapeTests
{
    [Test]
    public void A_zero_dimension_beside_huge_ones_reads_as_an_empty_array()
    {
        byte[] bytes = Npy(Header("<f4", false, "(2147483647, 2147483647, 2147483647, 0)"), []);

        NpyArray array = NpyReader.Read(new MemoryStream(bytes), "huge-empty.npy");

        Assert.That(array.Length, Is.Zero);
        Assert.That(array.Shape, Is.EqualTo(new[] { int.MaxValue, int.MaxValue, int.MaxValue, 0 }));
    }

    [Test]
    public void Size_is_zero_with_a_zero_dimension_and_overflow_without()
    {
        Assert.That(ShapeUtil.Size([int.MaxValue, int.MaxValue, int.MaxValue, 0]), Is.Zero);
        Assert.Throws<OverflowException>(() => ShapeUtil.Size([int.MaxValue, int.MaxValue, int.MaxValue]));
    }
}
