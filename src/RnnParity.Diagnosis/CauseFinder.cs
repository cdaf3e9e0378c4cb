using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Mistakes;
using RnnParity.Fixtures.Format;

namespace RnnParity.Diagnosis;

/// <summary>
/// Differential diagnosis: replays every known porting mistake on the case and keeps the replay
/// that reproduces one side's numbers best. A replay that does not change the correct result
/// beyond tolerance cannot explain a difference and is passed over; when no replay fits within
/// tolerance the answer is <c>unexplained</c>, never a guess.
/// </summary>
public static class CauseFinder
{
    /// <param name="correct">The case recomputed without mistakes (RnnParity's own outputs).</param>
    public static LikelyCause Find(CaseModel model, IReadOnlyList<IReadOnlyList<Tensor>> correct,
        IReadOnlyList<IReadOnlyList<NpyArray>> expected, IReadOnlyList<IReadOnlyList<NpyArray>> actual, IEnumerable<PortingMistake>? mistakes = null)
    {
        var tolerance = model.Fixture.Tolerance;
        var correctArrays = correct.Select(r => (IReadOnlyList<NpyArray>)r.Select(NpyArray.FromTensor).ToList()).ToList();
        (Replay Replay, string Side, double Fit)? best = null;
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
                }
            }
        if (best is { Fit: <= 1 } b) return new LikelyCause(b.Replay.Mistake, b.Side, b.Replay.Detail, b.Fit);
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
