using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Python.Runtime;
using RnnParity.Cli.Progress;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>rnnparity regen [--check] [PATH...]</c>: recomputes existing cases with the installed Keras or
/// NumPy through python/regen.py, in-process; with --check it only reports drift.
/// </summary>
public static class RegenCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Case directories or folders of cases (default: fixtures).", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<bool>("--check") { Description = "Write nothing; report per case and output whether recomputed values differ from the committed ones." };
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file." };
        var python = PythonSession.PythonOption();
        var timeout = PythonSession.TimeoutOption();
        var command = new Command("regen", "Recompute the expected values of existing cases with Keras (reference \"keras\") or NumPy (reference \"numpy\").")
        {
            paths, check, json, python, timeout,
        };
        command.SetAction(parse =>
        {
            string[] given = parse.GetValue(paths) is { Length: > 0 } p ? p : ["fixtures"];
            return PythonSession.Run("regen", ["numpy"], parse.GetValue(python), parse.GetValue(timeout),
                () => Run(given, parse.GetValue(check), parse.GetValue(json), Console.Out));
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool check, string? jsonReport, TextWriter stdout)
    {
        string reportJson;
        using (Py.GIL())
        {
            using var pyPaths = GenerateCommand.ToPyList(paths.Select(Path.GetFullPath));
            using var report = CaseProgress.Run(check ? "regen --check" : "regen", null, stdout, progress =>
            {
                Action<int, int, string> advance = progress.Advance;
                return PythonCall.Invoke("regen", "regen", [pyPaths], new Dictionary<string, object?> { ["check"] = check, ["progress"] = advance });
            });
            using var jsonModule = Py.Import("json");
            using var text = jsonModule.InvokeMethod("dumps", report);
            reportJson = text.As<string>();
        }
        if (jsonReport is not null) File.WriteAllText(jsonReport, reportJson + "\n");
        using var doc = JsonDocument.Parse(reportJson);
        return Print(doc.RootElement, check, stdout);
    }

    /// <summary>An interrupted swap regen.py found: {"action", "case", "path", ...} as one line.</summary>
    static string Describe(JsonElement item) => item.ValueKind != JsonValueKind.Object ? item.ToString()
        : string.Join("  ", item.EnumerateObject().Select(p => $"{p.Name}={p.Value}"));

    /// <summary>An <c>::error</c> line per case that drifted or could not be recomputed.</summary>
    static void Annotate(JsonElement report, TextWriter stdout)
    {
        foreach (var c in report.GetProperty("cases").EnumerateArray())
        {
            string status = c.GetProperty("status").GetString() ?? "?";
            if (status is not ("drift" or "error")) continue;
            string name = c.GetProperty("name").GetString() ?? "?";
            string path = c.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : name;
            var lines = new List<string>();
            if (c.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) lines.Add(m.GetString()!);
            if (c.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
                lines.AddRange(changes.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            if (c.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
                foreach (var o in outs.EnumerateArray())
                    if (o.TryGetProperty("within_tolerance", out var w) && w.ValueKind == JsonValueKind.False)
                        lines.Add($"run {o.GetProperty("run")} output {o.GetProperty("output")}: max_abs_error={o.GetProperty("max_abs_error")} max_ulps={o.GetProperty("max_ulps")}, outside the tolerance");
            string title = status == "drift" ? $"rnnparity regen --check: {name} drifted" : $"rnnparity regen --check: {name} could not be recomputed";
            stdout.WriteLine(GitHubAnnotations.Error(VerifyCommand.CaseFile(path), title, string.Join(Environment.NewLine, lines.DefaultIfEmpty(status))));
        }
    }

    static int Print(JsonElement report, bool check, TextWriter stdout)
    {
        foreach (var c in report.GetProperty("cases").EnumerateArray())
        {
            string status = c.GetProperty("status").GetString() ?? "?";
            string message = c.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? $"  {m.GetString()}" : "";
            stdout.WriteLine($"{status.ToUpperInvariant(),-24}  {c.GetProperty("name").GetString()}{message}");
            if (c.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
                foreach (var o in outs.EnumerateArray())
                {
                    double maxAbs = o.TryGetProperty("max_abs_error", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
                    if (maxAbs == 0 && !(o.TryGetProperty("shape_changed", out var sc) && sc.ValueKind == JsonValueKind.True)) continue;
                    stdout.WriteLine($"      run {o.GetProperty("run")} output {o.GetProperty("output")}: max_abs_error={maxAbs.ToString("0.###e+00", CultureInfo.InvariantCulture)} max_ulps={o.GetProperty("max_ulps")} within_tolerance={o.GetProperty("within_tolerance")}");
                }
        }
        foreach (var (key, label) in new[] { ("recovered", "recovered"), ("leftovers", "leftover") })
            if (report.TryGetProperty(key, out var items) && items.ValueKind == JsonValueKind.Array)
                foreach (var item in items.EnumerateArray())
                    stdout.WriteLine($"{label.ToUpperInvariant(),-24}  {Describe(item)}");
        int Count(string key) => report.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        int checkedCount = Count("checked"), drift = Count("drift"), skipped = Count("skipped"), errors = Count("errors"), rewritten = Count("rewritten");
        stdout.WriteLine(check
            ? $"regen --check: {checkedCount} checked, {drift} drift, {errors} errors, {skipped} skipped"
            : $"regen: {checkedCount} checked, {rewritten} rewritten, {errors} errors, {skipped} skipped");
        if (check && GitHubAnnotations.Enabled) Annotate(report, stdout);
        int listed = report.TryGetProperty("cases", out var all) ? all.GetArrayLength() : 0;
        if (checkedCount == 0 && errors == 0)
            stdout.WriteLine(listed == 0 ? "regen: nothing was checked: no case found." : "regen: nothing was checked: every case was skipped.");
        if (errors > 0 || checkedCount == 0) return ExitCodes.Usage;
        // Without --check the drifted cases have just been rewritten: that is success.
        return check && drift > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}
