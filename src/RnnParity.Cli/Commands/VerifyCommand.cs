using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RnnParity.Cli.Progress;
using RnnParity.Cli.Usage;
using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Cli.Commands;

/// <summary><c>rnnparity verify PATH... [--json FILE] [--junit FILE] [--shard K/N]</c>: checks C# against fixture cases.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A case directory, or a folder searched recursively for case directories.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<string?>("--json") { Description = "Also write a JSON report to this file." };
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report to this file: a testsuite per PATH, a testcase per case." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Verify only job K's share of N (e.g. 2/4), chosen by a hash of each case's name, so N jobs cover every case exactly once.",
        }.Expects(CaseShard.Expected, text => text is null || CaseShard.TryParse(text, out _) is not null);
        var command = new Command("verify", "Build each case's model in C#, load its weights, run its runs and compare with the recorded Keras/NumPy values.")
        {
            paths, json, junit, shard,
        };
        command.SetAction(parse =>
        {
            CaseShard? share = null;
            if (parse.GetValue(shard) is { } text && (share = CaseShard.TryParse(text, out string? error)) is null)
            {
                Console.Error.WriteLine($"rnnparity verify: {error}");
                return ExitCodes.Usage;
            }
            return Run(parse.GetValue(paths)!, parse.GetValue(json), Console.Out, Console.Error, parse.GetValue(junit), share);
        });
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string? jsonReport, TextWriter stdout, TextWriter stderr,
        string? junitReport = null, CaseShard? shard = null)
    {
        IReadOnlyList<string> cases;
        try { cases = CaseDiscovery.Find(paths); }
        catch (CasePathException e)
        {
            stderr.WriteLine($"rnnparity verify: {e.Message}");
            return ExitCodes.Usage;
        }
        if (cases.Count == 0)
        {
            stderr.WriteLine($"rnnparity verify: no case found under {string.Join(", ", paths)} (a case is a directory holding case.json).");
            return ExitCodes.Usage;
        }
        if (shard is { } share)
        {
            int all = cases.Count;
            cases = cases.Where(c => share.Contains(Path.GetFileName(c))).ToList();
            stdout.WriteLine($"verify: shard {share}: {cases.Count} of {all} cases");
        }

        var results = new List<CaseResult>();
        var times = new List<TimeSpan>();
        int width = cases.Count == 0 ? 0 : Math.Min(48, cases.Max(c => Path.GetFileName(c).Length));
        CaseProgress.Run("verify", cases.Count, stdout, progress =>
        {
            TextWriter lines = progress.Out;
            foreach (string dir in cases)
            {
                long start = Stopwatch.GetTimestamp();
                CaseResult r = CaseVerifier.Verify(dir);
                results.Add(r);
                times.Add(Stopwatch.GetElapsedTime(start));
                string err = double.IsNaN(r.MaxAbsError) ? "-" : r.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture);
                lines.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {r.Name.PadRight(width)}  max_abs_error={err}");
                foreach (string f in r.Failures) lines.WriteLine($"      {f}");
                if (!r.Passed && r.Outputs.Count > 0) lines.WriteLine($"      where, when and why: rnnparity diff {Quote(r.Path)}");
                foreach (string n in r.Notes) lines.WriteLine($"      note: {n}");
                progress.Advance(results.Count, cases.Count, r.Name);
            }
            return 0;
        });
        // A case set aside by a killed regeneration is not found as a case; say so rather than pass without it.
        foreach (var swap in InterruptedSwaps.Find(paths))
        {
            if (shard is { } s && !s.Contains(swap.CaseName)) continue;
            if (!swap.CaseMissing) { stderr.WriteLine($"warning: {swap.Describe()}"); continue; }
            var lost = new CaseResult(swap.CaseName, swap.Path, false, double.NaN, [swap.Describe()], []);
            results.Add(lost);
            times.Add(TimeSpan.Zero);
            stdout.WriteLine($"FAIL  {swap.CaseName.PadRight(width)}  max_abs_error=-");
            stdout.WriteLine($"      {swap.Describe()}");
        }
        int passed = results.Count(r => r.Passed);
        int failed = results.Count - passed;
        stdout.WriteLine($"verify: {results.Count} cases: {passed} PASS, {failed} FAIL");
        if (GitHubAnnotations.Enabled)
            foreach (var r in results.Where(r => !r.Passed))
                stdout.WriteLine(GitHubAnnotations.Error(CaseFile(r.Path), $"rnnparity verify: {r.Name} failed",
                    string.Join(Environment.NewLine, r.Failures.DefaultIfEmpty("failed"))));

        if (jsonReport is not null)
        {
            try { VerifyReport.Write(jsonReport, results); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rnnparity verify: cannot write the JSON report '{jsonReport}': {e.Message}");
                return ExitCodes.Usage;
            }
        }
        if (junitReport is not null)
        {
            try { JUnitReport.Write(junitReport, Suites(paths, results, times)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rnnparity verify: cannot write the JUnit report '{junitReport}': {e.Message}");
                return ExitCodes.Usage;
            }
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Each result goes to the first path given that holds it, so overlapping paths report a case once.</summary>
    static List<JUnitReport.Suite> Suites(IReadOnlyList<string> paths, List<CaseResult> results, List<TimeSpan> times)
    {
        var roots = paths.Select(p =>
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
            return File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        }).ToList();
        var members = paths.Select(_ => new List<(CaseResult, TimeSpan)>()).ToList();
        for (int i = 0; i < results.Count; i++)
        {
            string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(results[i].Path));
            int at = roots.FindIndex(r => dir == r || dir.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            members[Math.Max(at, 0)].Add((results[i], times[i]));
        }
        return paths.Select((p, i) => new JUnitReport.Suite(p, members[i])).ToList();
    }

    /// <summary>A case's case.json, the file an annotation points at; the path itself when it is not a case folder.</summary>
    internal static string CaseFile(string casePath) =>
        Directory.Exists(casePath) ? Path.Combine(casePath, "case.json") : casePath;

    static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{path.Replace("'", "'\\''")}'" : path;
}
