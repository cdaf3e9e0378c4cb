using System.Globalization;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;

namespace RnnParity.Fixtures.Verification;

/// <summary>
/// Where along one axis an output drifts: the max abs error at each index, and the first index
/// beyond tolerance. Along time for sequence outputs (batch, timesteps, units), along the batch
/// otherwise, so a failure says when a recurrence went wrong, not only that it did.
/// </summary>
public sealed record ErrorProfile(string AxisName, double[] MaxAbsError, int FirstBeyondTolerance)
{
    /// <summary>Most indices shown in <see cref="Describe"/>; the ones around the first failure are kept.</summary>
    public const int MaxShown = 10;

    /// <returns>null when the shapes differ or the array has fewer than two dimensions.</returns>
    public static ErrorProfile? Of(NpyArray expected, Tensor actual, FixtureTolerance tolerance)
    {
        if (!expected.Shape.AsSpan().SequenceEqual(actual.Shape) || expected.Rank < 2) return null;
        int axis = expected.Rank >= 3 ? 1 : 0;
        int outer = 1;
        for (int i = 0; i < axis; i++) outer *= expected.Shape[i];
        int length = expected.Shape[axis];
        int inner = length == 0 ? 0 : expected.Length / Math.Max(1, outer * length);
        var maxAbs = new double[length];
        int first = -1;
        for (int o = 0; o < outer; o++)
            for (int t = 0; t < length; t++)
                for (int i = 0; i < inner; i++)
                {
                    int flat = (o * length + t) * inner + i;
                    double e = expected.Data[flat], a = actual.Data[flat];
                    if (!ArrayComparison.IsClose(a, e, tolerance.Atol, tolerance.Rtol) && (first < 0 || t < first)) first = t;
                    // NaN against a number is shown as NaN and sticks; NaN against NaN is a match.
                    double err = double.IsNaN(a) && double.IsNaN(e) ? 0 : Math.Abs(a - e);
                    if (double.IsNaN(err) || err > maxAbs[t]) maxAbs[t] = double.IsNaN(maxAbs[t]) ? maxAbs[t] : err;
                }
        return new ErrorProfile(axis == 1 ? "timestep" : "batch row", maxAbs, first);
    }

    /// <summary><c>max abs error by timestep: t0 1.2e-07, t1 3e-07, t2 0.41 ← first beyond tolerance</c></summary>
    public string Describe()
    {
        string prefix = AxisName == "timestep" ? "t" : "b";
        int start = FirstBeyondTolerance < 0 ? 0 : Math.Max(0, Math.Min(FirstBeyondTolerance - MaxShown / 2, MaxAbsError.Length - MaxShown));
        int end = Math.Min(MaxAbsError.Length, start + MaxShown);
        var parts = new List<string>();
        if (start > 0) parts.Add("…");
        for (int t = start; t < end; t++)
            parts.Add($"{prefix}{t} {MaxAbsError[t].ToString("0.##e+00", CultureInfo.InvariantCulture)}{(t == FirstBeyondTolerance ? " ← first beyond tolerance" : "")}");
        if (end < MaxAbsError.Length) parts.Add("…");
        return $"max abs error by {AxisName}: {string.Join(", ", parts)}";
    }
}
