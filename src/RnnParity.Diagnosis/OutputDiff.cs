using RnnParity.Fixtures.Format;

namespace RnnParity.Diagnosis;

/// <summary>The element whose absolute error is largest: where it is and both values.</summary>
public sealed record WorstElement(int[] Index, double Actual, double Expected);

/// <summary>
/// How one output under test differs from the expected one: error sizes in three measures, the
/// worst element, how much is out of tolerance, and the error along time.
/// </summary>
/// <param name="PerTimestep">Max abs error at each timestep (over batch and units); null when the output has no time axis.</param>
/// <param name="FirstBadTimestep">First timestep with an element beyond tolerance; null when none.</param>
public sealed record OutputDiff(
    int Run,
    int Output,
    string Name,
    bool ShapeOk,
    int[] ExpectedShape,
    int[] ActualShape,
    double MaxAbsError,
    double MaxRelError,
    long MaxUlp,
    WorstElement? Worst,
    long OutOfToleranceCount,
    double OutOfToleranceShare,
    double[]? PerTimestep,
    int? FirstBadTimestep)
{
    public bool Passed => ShapeOk && OutOfToleranceCount == 0;

    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/> element by element with
    /// <see cref="ArrayComparison.IsClose"/>. The relative error of an element is
    /// |actual − expected| / |expected|, over elements whose expected value is not zero. An output
    /// of rank 3 or more is (batch, timesteps, ...) as Keras's sequence outputs are, so axis 1 is time;
    /// a (batch, units) output has no time axis.
    /// </summary>
    public static OutputDiff Of(int run, int output, string name, NpyArray expected, ReadOnlySpan<double> actual, int[] actualShape, FixtureTolerance tolerance)
    {
        if (!expected.Shape.AsSpan().SequenceEqual(actualShape))
            return new OutputDiff(run, output, name, false, expected.Shape, actualShape, double.NaN, double.NaN, long.MaxValue, null, expected.Length, 1.0, null, null);

        int timesteps = expected.Rank >= 3 ? expected.Shape[1] : 0;
        int inner = timesteps == 0 || expected.Length == 0 ? 0 : expected.Length / (expected.Shape[0] * timesteps);
        double[]? perStep = expected.Rank >= 3 ? new double[timesteps] : null;
        int? firstBad = null;
        double maxAbs = 0, maxRel = 0;
        long maxUlp = 0, bad = 0;
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected.Data[i], a = actual[i];
            bool close = ArrayComparison.IsClose(a, e, tolerance.Atol, tolerance.Rtol);
            // A NaN or infinity that does not match is the worst error there can be.
            double err = close && !double.IsFinite(e) ? 0 : double.IsFinite(e) && double.IsFinite(a) ? Math.Abs(a - e) : double.PositiveInfinity;
            if (err > maxAbs) maxAbs = err;
            if (e != 0 && double.IsFinite(e)) maxRel = Math.Max(maxRel, err / Math.Abs(e));
            if (double.IsFinite(e) && double.IsFinite(a)) maxUlp = Math.Max(maxUlp, ArrayComparison.UlpDistance((float)a, (float)e));
            else if (!close) maxUlp = long.MaxValue;
            if (err > worstError) { worstError = err; worst = i; }
            if (!close) bad++;
            if (perStep is not null)
            {
                int t = i / inner % timesteps;
                perStep[t] = Math.Max(perStep[t], err);
                if (!close && (firstBad is null || t < firstBad)) firstBad = t;
            }
        }
        WorstElement? w = worst < 0 ? null : new WorstElement(ArrayComparison.Unravel(worst, expected.Shape), actual[worst], expected.Data[worst]);
        double share = expected.Length == 0 ? 0 : (double)bad / expected.Length;
        return new OutputDiff(run, output, name, true, expected.Shape, actualShape, maxAbs, maxRel, maxUlp, w, bad, share, perStep, firstBad);
    }
}
