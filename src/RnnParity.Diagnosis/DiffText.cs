using System.Globalization;

namespace RnnParity.Diagnosis;

/// <summary>The short human summary of a diff: the worst element, the first bad timestep, the likely cause.</summary>
public static class DiffText
{
    static string G(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<string> Lines(DiffResult r)
    {
        yield return $"{(r.Passed ? "PASS" : "FAIL")}  {r.Case}  (outputs under test: {r.Source})";
        foreach (var o in r.Outputs) yield return "  " + Describe(o);
        if (r.FirstBadLayer is not null) yield return $"  first bad layer: {r.FirstBadLayer}";
        yield return $"  layer by layer: {r.LayerCheck}";
        if (r.GateTrace is { } g) yield return $"  gate trace: {g.Description}";
        yield return "  " + Describe(r.LikelyCause);
    }

    public static string Describe(OutputDiff o)
    {
        string head = $"run {o.Run} output {o.Output} ({o.Name})";
        if (!o.ShapeOk) return $"{head}: shape differs: expected {Fmt(o.ExpectedShape)}, got {Fmt(o.ActualShape)}";
        string s = $"{head}: max abs {G(o.MaxAbsError)}, max rel {G(o.MaxRelError)}, max {o.MaxUlp} ulp";
        if (o.Worst is { } w) s += $"; worst at [{string.Join(", ", w.Index)}]: actual {G(w.Actual)}, expected {G(w.Expected)}";
        s += $"; {o.OutOfToleranceCount} out of tolerance ({(o.OutOfToleranceShare * 100).ToString("0.#", CultureInfo.InvariantCulture)}%)";
        if (o.FirstBadTimestep is { } t) s += $"; first bad timestep {t}";
        return s;
    }

    public static string Describe(LikelyCause c) => c.Name switch
    {
        "none" => "likely cause: none (the outputs agree within tolerance)",
        "unexplained" => $"likely cause: unexplained — {c.Detail}",
        _ => $"likely cause: {c.Name} on the {c.Side} side — {c.Detail} (fit {G(c.Fit ?? double.NaN)}, ≤ 1 is within tolerance)",
    };

    static string Fmt(int[] shape) => RnnParity.Core.Tensors.ShapeUtil.Format(shape);
}
