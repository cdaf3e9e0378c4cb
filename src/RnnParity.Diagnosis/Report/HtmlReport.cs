using System.Globalization;
using System.Net;
using System.Text;

namespace RnnParity.Diagnosis.Report;

/// <summary>
/// <c>diff --report DIR</c>: one self-contained HTML page (no script, no network: viewable offline)
/// with the figures of every output, the likely cause, and a PNG plot of the error by timestep.
/// </summary>
public static class HtmlReport
{
    public static string Write(DiffResult result, double atol, string directory)
    {
        Directory.CreateDirectory(directory);
        var html = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        string G(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>rnnparity diff: {{E(result.Case)}}</title>
            <style>
            body { font-family: sans-serif; margin: 2em; max-width: 70em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #bbb; padding: .3em .6em; text-align: right; }
            th { background: #eee; } td.l, th.l { text-align: left; } .fail { color: #b00; font-weight: bold; } .pass { color: #070; font-weight: bold; }
            .cause { border-left: 4px solid #b00; padding: .5em 1em; background: #fff4f4; } .cause.ok { border-color: #070; background: #f4fff4; }
            </style></head><body>
            <h1>{{E(result.Case)}}: <span class="{{(result.Passed ? "pass" : "fail")}}">{{(result.Passed ? "PASS" : "FAIL")}}</span></h1>
            <p>Outputs under test: {{E(result.Source)}}. Expected: the case's recorded outputs.</p>
            """);
        var c = result.LikelyCause;
        html.Append($"<div class=\"cause{(c.Name == "none" ? " ok" : "")}\"><h2>Likely cause: {E(c.Name)}</h2>");
        if (c.Side is not null) html.Append($"<p>Side that made the mistake: <b>{E(c.Side)}</b>; fit {G(c.Fit ?? double.NaN)} (≤ 1: the replay reproduces that side within tolerance).</p>");
        if (c.Detail is not null) html.Append($"<p>{E(c.Detail)}</p>");
        html.Append("</div>");
        html.Append($"<p>Layer by layer: {E(result.FirstBadLayer is null ? result.LayerCheck : $"first bad layer {result.FirstBadLayer}")}</p>");
        html.Append("<h2>Outputs</h2><table><tr><th>run</th><th>output</th><th class=\"l\">name</th><th>shape</th><th>max abs</th><th>max rel</th><th>max ulp</th><th class=\"l\">worst element (actual / expected)</th><th>out of tolerance</th><th>first bad timestep</th></tr>");
        foreach (var o in result.Outputs)
        {
            string worst = o.Worst is { } w ? $"[{string.Join(", ", w.Index)}]: {G(w.Actual)} / {G(w.Expected)}" : "-";
            html.Append($"<tr><td>{o.Run}</td><td>{o.Output}</td><td class=\"l\">{E(o.Name)}</td><td>{(o.ShapeOk ? "ok" : $"<span class=\"fail\">{E(Core.Tensors.ShapeUtil.Format(o.ActualShape))} ≠ {E(Core.Tensors.ShapeUtil.Format(o.ExpectedShape))}</span>")}</td>");
            html.Append($"<td>{G(o.MaxAbsError)}</td><td>{G(o.MaxRelError)}</td><td>{(o.MaxUlp == long.MaxValue ? "-" : o.MaxUlp)}</td><td class=\"l\">{E(worst)}</td>");
            html.Append($"<td>{o.OutOfToleranceCount} ({(o.OutOfToleranceShare * 100).ToString("0.#", CultureInfo.InvariantCulture)}%)</td><td>{(o.FirstBadTimestep?.ToString(CultureInfo.InvariantCulture) ?? "-")}</td></tr>");
        }
        html.Append("</table>");
        foreach (var o in result.Outputs)
            if (ErrorPlots.ErrorByTimestep(o, atol, directory) is { } png)
                html.Append($"<figure><img src=\"{E(png)}\" alt=\"error by timestep, run {o.Run} output {o.Output}\"><figcaption>Run {o.Run}, output {o.Output}: max abs error at each timestep (log scale); dashed: atol.</figcaption></figure>");
        if (result.GateTrace is { } trace)
        {
            html.Append($"<h2>Inside a recurrent layer</h2><p>Gate trace: {E(trace.Description)}</p>");
            foreach (string png in GatePlots.ErrorByStep(trace, atol, directory))
                html.Append($"<figure><img src=\"{E(png)}\" alt=\"gate error by step\"><figcaption>Max abs difference between C# and the reference, per gate (solid) and state (dashed), at each step (log scale); dotted: atol.</figcaption></figure>");
        }
        html.Append("</body></html>\n");
        string page = Path.Combine(directory, "index.html");
        File.WriteAllText(page, html.ToString());
        return page;
    }
}
