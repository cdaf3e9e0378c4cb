using RnnParity.Core.Tensors;

namespace RnnParity.Tests.Core;

[TestFixture]
public sealed class TranspositionTests
{
    /// <summary>Every output element against the definition y[i0..in] = x[i at axes], on a 2×3×4×5 array.</summary>
    [TestCase(new[] { 0, 1, 2, 3 })]
    [TestCase(new[] { 3, 2, 1, 0 })]
    [TestCase(new[] { 0, 2, 3, 1 })]
    [TestCase(new[] { 1, 0, 3, 2 })]
    public void Transpose_matches_the_definition(int[] axes)
    {
        int[] shape = [2, 3, 4, 5];
        float[] x = Enumerable.Range(0, 120).Select(i => (float)i).ToArray();
        int[] outShape = Transposition.Shape(shape, axes);
        var y = new float[120];
        Transposition.Transpose(x, shape, axes, y);
        int[] idx = new int[4];
        for (int o = 0; o < 120; o++)
        {
            int rest = o;
            for (int d = 3; d >= 0; d--) { idx[d] = rest % outShape[d]; rest /= outShape[d]; }
            var src = new int[4];
            for (int d = 0; d < 4; d++) src[axes[d]] = idx[d];
            int flat = ((src[0] * 3 + src[1]) * 4 + src[2]) * 5 + src[3];
            Assert.That(y[o], Is.EqualTo(x[flat]), $"output {o}");
        }
    }

    [Test]
    public void A_non_permutation_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Transposition.Transpose(new float[6], [2, 3], [0, 0], new float[6]));
        Assert.Throws<ArgumentException>(() => Transposition.Transpose(new float[6], [2, 3], [0], new float[6]));
    }
}
