using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Mistakes;
using RnnParity.Fixtures.Format;

namespace RnnParity.Diagnosis;

/// <summary>
/// Differential diagnosis: replays every known porting mistake on the case and keeps the replay
/// that reproduces one side's numbers best. A replay that does not change the correct result
/// beyond tolerance cannot explain a difference and is passed over; when no replay fits within
/// tolerance the answer is <c>unexplained</c>, never a guess — with one documented exception: a
/// float16 or bfloat16 replay that brings one side at least <see cref="FarBetter"/> times closer than
/// the float32 computation does is named <c>precision</c> with its honest fit (&gt; 1), because a
/// 16-bit computation made with other operation orders cannot be reproduced exactly.
/// </summary>
public static class CauseFinder
{
    /// <summary>How many times closer than float32 a 16-bit replay must bring a side to be named without reproducing it.</summary>
    public const double FarBetter = 10;

    /// <param name="correct">The case recomputed without mistakes (RnnParity's own outputs).</param>
    public static LikelyCause Find(CaseModel model, IReadOnlyList<IReadOnlyList<Tensor>> correct,
        IReadOnlyList<IReadOnlyList<NpyArray>> expected, IReadOnlyList<IReadOnlyList<NpyArray>> actual, IEnumerable<PortingMistake>? mistakes = null)
    {
        var tolerance = model.Fixture.Tolerance;
        var correctArrays = correct.Select(r => (IReadOnlyList<NpyArray>)r.Select(NpyArray.FromTensor).ToList()).ToList();
        (Replay Replay, string Side, double Fit)? best = null;
        // The best 16-bit precision replay against the float32 computation, per side (the far-better rule).
        (Replay Replay, string Side, double Fit, double Float32Fit)? sixteen = null;
        var float32Fit = new Dictionary<string, double> { ["expected"] = Fit(correct, expected, tolerance), ["actual"] = Fit(correct, actual, tolerance) };
        int tried = 0;
        foreach (var mistake in mistakes ?? MistakeRegistry.All)
            foreach (var replay in mistake.Replays(model))
            {
                IReadOnlyList<IReadOnlyList<Tensor>> outputs;
                try { outputs = replay.Compute(); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or Layers.LayerConfigurationException or KerasConfig.KerasConfigException)
                {
                    continue; // this form of the mistake cannot run on this model
                }
                tried++;
                if (Fit(outputs, correctArrays, tolerance) <= 1) continue;
                foreach (var (side, values) in new[] { ("expected", expected), ("actual", actual) })
                {
                    double fit = Fit(outputs, values, tolerance);
                    if (best is null || fit < best.Value.Fit) best = (replay, side, fit);
                    if (replay.Mistake == PrecisionMistake.MistakeName && replay.Detail != PrecisionMistake.Detail(Mistakes.Precision.NumberFormat.Float64)
                        && fit * FarBetter <= float32Fit[side] && (sixteen is null || fit < sixteen.Value.Fit))
                        sixteen = (replay, side, fit, float32Fit[side]);
                }
            }
        if (best is { Fit: <= 1 } b) return new LikelyCause(b.Replay.Mistake, b.Side, b.Replay.Detail, b.Fit);
        if (sixteen is { } p)
            return new LikelyCause(p.Replay.Mistake, p.Side, $"{p.Replay.Detail}; not reproduced within tolerance, but {p.Float32Fit / p.Fit:G3} times closer to the {p.Side} side than float32 (fit {p.Float32Fit:G3})", p.Fit);
        string closest = best is { } c ? $"; closest: {c.Replay.Mistake} ({c.Replay.Detail}) on the {c.Side} side, fit {c.Fit:G3}" : "";
        return LikelyCause.Unexplained($"none of {tried} replays of known porting mistakes reproduces either side within tolerance{closest}");
    }

    /// <summary>Largest |a − b| / (atol + rtol·|b|) over all outputs; +∞ when shapes or counts differ or a NaN/∞ does not match.</summary>
    public static double Fit(IReadOnlyList<IReadOnlyList<Tensor>> a, IReadOnlyList<IReadOnlyList<NpyArray>> b, FixtureTolerance tolerance)
    {
        if (a.Count != b.Count) return double.PositiveInfinity;
        double worst = 0;
        for (int r = 0; r < a.Count; r++)
        {
            if (a[r].Count != b[r].Count) return double.PositiveInfinity;
            for (int o = 0; o < a[r].Count; o++)
            {
                Tensor x = a[r][o];
                NpyArray y = b[r][o];
                if (!x.Shape.AsSpan().SequenceEqual(y.Shape)) return double.PositiveInfinity;
                for (int i = 0; i < x.Length; i++)
                {
                    double av = x.Data[i], bv = y.Data[i];
                    if (!double.IsFinite(av) || !double.IsFinite(bv))
                    {
                        if (ArrayComparison.IsClose(av, bv, tolerance.Atol, tolerance.Rtol)) continue;
                        return double.PositiveInfinity;
                    }
                    double scale = tolerance.Atol + tolerance.Rtol * Math.Abs(bv);
                    double f = scale > 0 ? Math.Abs(av - bv) / scale : (av == bv ? 0 : double.PositiveInfinity);
                    if (f > worst) worst = f;
                }
            }
        }
        return worst;
    }
}
