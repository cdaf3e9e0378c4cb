namespace RnnParity.Diagnosis.Report;

/// <summary>PNG plots of a diff, drawn with ScottPlot: the error against timestep of each output.</summary>
public static class ErrorPlots
{
    /// <summary>Max abs error per timestep on a log axis, with the tolerance and the first bad step marked; null for an output without a time axis.</summary>
    public static string? ErrorByTimestep(OutputDiff output, double atol, string directory)
    {
        if (output.PerTimestep is not { Length: > 0 } steps) return null;
        var plot = new ScottPlot.Plot();
        double[] xs = Enumerable.Range(0, steps.Length).Select(t => (double)t).ToArray();
        // Log scale: exact steps (error 0) sit at a floor below float32's resolution.
        double floor = 1e-10;
        double[] ys = steps.Select(e => Math.Log10(Math.Max(double.IsFinite(e) ? e : 1e10, floor))).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = "max abs error";
        var tol = plot.Add.HorizontalLine(Math.Log10(Math.Max(atol, floor)));
        tol.LegendText = $"atol {atol:G3}";
        tol.LinePattern = ScottPlot.LinePattern.Dashed;
        if (output.FirstBadTimestep is { } first)
        {
            var v = plot.Add.VerticalLine(first);
            v.LegendText = $"first bad timestep {first}";
            v.Color = ScottPlot.Colors.Red;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.Title($"run {output.Run} output {output.Output} ({output.Name}): error by timestep");
        plot.XLabel("timestep");
        plot.YLabel("max abs error (log10)");
        plot.ShowLegend();
        string file = $"error_run{output.Run}_out{output.Output}.png";
        plot.SavePng(Path.Combine(directory, file), 720, 400);
        return file;
    }
}
