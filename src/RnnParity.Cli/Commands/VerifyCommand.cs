using System.CommandLine;
using System.Globalization;
using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Cli.Commands;

/// <summary><c>rnnparity verify PATH... [--json FILE]</c>: checks C# against fixture cases.</summary>
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
        var command = new Command("verify", "Build each case's model in C#, load its weights, run its runs and compare with the recorded Keras/NumPy values.")
        {
            paths, json,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string? jsonReport, TextWriter stdout, TextWriter stderr)
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

        var results = new List<CaseResult>();
        int width = Math.Min(48, cases.Max(c => Path.GetFileName(c).Length));
        foreach (string dir in cases)
        {
            CaseResult r = CaseVerifier.Verify(dir);
            results.Add(r);
            string err = double.IsNaN(r.MaxAbsError) ? "-" : r.MaxAbsError.ToString("0.###e+00", CultureInfo.InvariantCulture);
            stdout.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {r.Name.PadRight(width)}  max_abs_error={err}");
            foreach (string f in r.Failures) stdout.WriteLine($"      {f}");
            if (!r.Passed && r.Outputs.Count > 0) stdout.WriteLine($"      where, when and why: rnnparity diff {Quote(r.Path)}");
            foreach (string n in r.Notes) stdout.WriteLine($"      note: {n}");
        }
        // A case set aside by a killed regeneration is not found as a case; say so rather than pass without it.
        foreach (var swap in InterruptedSwaps.Find(paths))
        {
            if (!swap.CaseMissing) { stderr.WriteLine($"warning: {swap.Describe()}"); continue; }
            var lost = new CaseResult(swap.CaseName, swap.Path, false, double.NaN, [swap.Describe()], []);
            results.Add(lost);
            stdout.WriteLine($"FAIL  {swap.CaseName.PadRight(width)}  max_abs_error=-");
            stdout.WriteLine($"      {swap.Describe()}");
        }
        int passed = results.Count(r => r.Passed);
        int failed = results.Count - passed;
        stdout.WriteLine($"verify: {results.Count} cases: {passed} PASS, {failed} FAIL");

        if (jsonReport is not null)
        {
            try { VerifyReport.Write(jsonReport, results); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"rnnparity verify: cannot write the JSON report '{jsonReport}': {e.Message}");
                return ExitCodes.Usage;
            }
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{path.Replace("'", "'\\''")}'" : path;
}
