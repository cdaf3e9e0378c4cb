using System.Globalization;
using RnnParity.Core.Tensors;

namespace RnnParity.Fixtures.Format;

/// <summary>One element that failed the tolerance test.</summary>
/// <param name="FlatIndex">Index into the C-order data.</param>
/// <param name="Index">The same index per dimension.</param>
public sealed record Mismatch(long FlatIndex, int[] Index, double Actual, double Expected)
{
    public double AbsError => Math.Abs(Actual - Expected);

    public override string ToString() =>
        $"[{string.Join(", ", Index)}] (flat {FlatIndex}): actual {ArrayComparison.Show(Actual)}, expected {ArrayComparison.Show(Expected)}, |diff| {ArrayComparison.Show(AbsError)}";
}

/// <summary>The outcome of <see cref="ArrayComparison.Compare(ReadOnlySpan{double}, int[], ReadOnlySpan{double}, int[], double, double, int)"/>.</summary>
/// <param name="ShapeMatches">False when the shapes differ; then no element was compared.</param>
/// <param name="MaxAbsError">Largest |actual - expected| over pairs where both are finite (0 if none).</param>
/// <param name="MaxUlpDistance">Largest float32 ULP distance over pairs where both are finite.</param>
/// <param name="FirstMismatches">The first few mismatches in C order.</param>
public sealed record ComparisonResult(
    bool Passed,
    bool ShapeMatches,
    int[] ExpectedShape,
    int[] ActualShape,
    long Count,
    long MismatchCount,
    double MaxAbsError,
    long MaxUlpDistance,
    IReadOnlyList<Mismatch> FirstMismatches,
    double Atol,
    double Rtol)
{
    /// <summary>One line for people: OK / NOT OK with the figures that matter.</summary>
    public string Describe()
    {
        if (!ShapeMatches)
            return $"NOT OK: expected shape {ShapeUtil.Format(ExpectedShape)}, got {ShapeUtil.Format(ActualShape)}";
        string stats = $"max abs error {ArrayComparison.Show(MaxAbsError)}, max {MaxUlpDistance} ulp (atol {ArrayComparison.Show(Atol)}, rtol {ArrayComparison.Show(Rtol)})";
        if (Passed) return $"OK: {Count} elements, {stats}";
        // Three are enough to read; the rest stay in FirstMismatches for callers that want them.
        return $"NOT OK: {MismatchCount} of {Count} elements out of tolerance, {stats}; first: {string.Join("; ", FirstMismatches.Take(3))}";
    }
}

/// <summary>
/// Element-wise comparison of an actual array against an expected one:
/// an element passes when <c>|actual - expected| &lt;= atol + rtol * |expected|</c> (computed in
/// double), or when both are NaN, both +inf or both -inf. NaN and infinities match nothing else.
/// </summary>
public static class ArrayComparison
{
    public const int DefaultMaxReported = 10;

    public static ComparisonResult Compare(NpyArray expected, Tensor actual, FixtureTolerance tolerance, int maxReported = DefaultMaxReported)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(tolerance);
        var a = new double[actual.Length];
        for (int i = 0; i < a.Length; i++) a[i] = actual.Data[i];
        return Compare(expected.Data, expected.Shape, a, actual.Shape, tolerance.Atol, tolerance.Rtol, maxReported);
    }

    public static ComparisonResult Compare(ReadOnlySpan<float> expected, int[] expectedShape, ReadOnlySpan<float> actual, int[] actualShape,
        double atol, double rtol, int maxReported = DefaultMaxReported)
    {
        var e = new double[expected.Length];
        for (int i = 0; i < e.Length; i++) e[i] = expected[i];
        var a = new double[actual.Length];
        for (int i = 0; i < a.Length; i++) a[i] = actual[i];
        return Compare(e, expectedShape, a, actualShape, atol, rtol, maxReported);
    }

    public static ComparisonResult Compare(ReadOnlySpan<double> expected, int[] expectedShape, ReadOnlySpan<double> actual, int[] actualShape,
        double atol, double rtol, int maxReported = DefaultMaxReported)
    {
        ArgumentNullException.ThrowIfNull(expectedShape);
        ArgumentNullException.ThrowIfNull(actualShape);
        if (!(atol >= 0) || !(rtol >= 0) || !double.IsFinite(atol) || !double.IsFinite(rtol))
            throw new ArgumentOutOfRangeException(nameof(atol), "atol and rtol must be non-negative finite numbers.");
        if (ShapeUtil.Size(expectedShape) != expected.Length) throw new ArgumentException("expected data does not match its shape.", nameof(expected));
        if (ShapeUtil.Size(actualShape) != actual.Length) throw new ArgumentException("actual data does not match its shape.", nameof(actual));

        if (!expectedShape.AsSpan().SequenceEqual(actualShape))
            return new ComparisonResult(false, false, expectedShape, actualShape, expected.Length, 0, 0, 0, [], atol, rtol);

        var mismatches = new List<Mismatch>();
        long count = 0;
        double maxAbs = 0;
        long maxUlp = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsFinite(e) && double.IsFinite(a))
            {
                double diff = Math.Abs(a - e);
                if (diff > maxAbs) maxAbs = diff;
                long ulp = UlpDistance((float)a, (float)e);
                if (ulp > maxUlp) maxUlp = ulp;
            }
            if (IsClose(a, e, atol, rtol)) continue;
            count++;
            if (mismatches.Count < maxReported) mismatches.Add(new Mismatch(i, Unravel(i, expectedShape), a, e));
        }
        return new ComparisonResult(count == 0, true, expectedShape, actualShape, expected.Length, count, maxAbs, maxUlp, mismatches, atol, rtol);
    }

    /// <summary><c>|actual - expected| &lt;= atol + rtol * |expected|</c>; NaN matches only NaN,
    /// +inf only +inf, -inf only -inf.</summary>
    public static bool IsClose(double actual, double expected, double atol, double rtol)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        return Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected);
    }

    /// <summary>
    /// How many float32 values lie between <paramref name="a"/> and <paramref name="b"/> (0 when
    /// equal; +0 and -0 are equal; the largest finite float and +inf are 1 apart). Both NaN: 0;
    /// one NaN: <see cref="long.MaxValue"/>.
    /// </summary>
    public static long UlpDistance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Maps float bits onto a line where adjacent floats differ by one, -0 and +0 both at 0.</summary>
    static long Ordered(float f)
    {
        int bits = BitConverter.SingleToInt32Bits(f);
        return bits < 0 ? (long)int.MinValue - bits : bits;
    }

    /// <summary>The per-dimension index of flat C-order index <paramref name="flat"/>.</summary>
    public static int[] Unravel(long flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 0) return idx;
            idx[d] = (int)(flat % shape[d]);
            flat /= shape[d];
        }
        return idx;
    }

    internal static string Show(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
