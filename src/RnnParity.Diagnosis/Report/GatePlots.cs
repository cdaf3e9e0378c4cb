using RnnParity.Diagnosis.Gates;

namespace RnnParity.Diagnosis.Report;

/// <summary>PNG plots of a gate trace, drawn with ScottPlot: each gate's error against the step, one line per gate.</summary>
public static class GatePlots
{
    /// <summary>One plot per traced direction (log scale; states dashed; the first bad step marked); the files' names.</summary>
    public static IReadOnlyList<string> ErrorByStep(GateTraceResult trace, double atol, string directory)
    {
        var files = new List<string>();
        if (trace.Layer is null) return files;
        foreach (var d in trace.Directions)
        {
            var plot = new ScottPlot.Plot();
            // Log scale: exact steps (error 0) sit at a floor below float32's resolution.
            const double floor = 1e-10;
            double Y(double e) => Math.Log10(Math.Max(double.IsFinite(e) ? e : 1e10, floor));
            foreach (var (series, dashed) in d.Gates.Select(g => (g, false)).Concat(d.States.Select(s => (s, true))))
            {
                double[] xs = Enumerable.Range(0, series.MaxAbsError.Length).Select(t => (double)t).ToArray();
                var line = plot.Add.Scatter(xs, series.MaxAbsError.Select(Y).ToArray());
                line.LegendText = dashed ? $"state {series.Name}" : $"gate {series.Name}";
                if (dashed) { line.LinePattern = ScottPlot.LinePattern.Dashed; line.LineWidth = 2; line.MarkerSize = 0; }
            }
            var tol = plot.Add.HorizontalLine(Y(atol));
            tol.LegendText = $"atol {atol:G3}";
            tol.LinePattern = ScottPlot.LinePattern.Dotted;
            tol.Color = ScottPlot.Colors.Gray;
            if (d.FirstBadStep is { } first)
            {
                var v = plot.Add.VerticalLine(first);
                v.LegendText = $"first bad: {d.FirstBadGate} at step {first}";
                v.Color = ScottPlot.Colors.Red;
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = y => $"1e{y:0}" };
            string name = d.Direction is null ? trace.Layer : $"{trace.Layer} ({d.Direction})";
            plot.Title($"{name}, {d.Kind}: C# against the reference, by gate");
            plot.XLabel(d.Direction == "backward" ? "step (processing order: step 0 reads the last timestep)" : "step");
            plot.YLabel("max abs error (log10)");
            plot.ShowLegend(ScottPlot.Edge.Right);
            string file = $"gates_{Safe(trace.Layer)}{(d.Direction is null ? "" : "_" + d.Direction)}.png";
            plot.SavePng(Path.Combine(directory, file), 820, 400);
            files.Add(file);
        }
        return files;
    }

    static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
}
