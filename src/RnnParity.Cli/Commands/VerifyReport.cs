using System.Text.Json;
using System.Text.Json.Nodes;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Cli.Commands;

/// <summary>The <c>--json</c> report: <c>{"cases": [{"name", "path", "passed", "max_abs_error", "error"}], "passed", "failed"}</c>.</summary>
public static class VerifyReport
{
    public static void Write(string path, IReadOnlyList<CaseResult> results)
    {
        var cases = new JsonArray();
        foreach (var r in results)
            cases.Add(new JsonObject
            {
                ["name"] = r.Name,
                ["path"] = r.Path,
                ["passed"] = r.Passed,
                // JSON has no NaN: a case that never got to compare outputs reports null.
                ["max_abs_error"] = double.IsFinite(r.MaxAbsError) ? r.MaxAbsError : null,
                ["error"] = r.Error,
            });
        var report = new JsonObject
        {
            ["cases"] = cases,
            ["passed"] = results.Count(r => r.Passed),
            ["failed"] = results.Count(r => !r.Passed),
        };
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
