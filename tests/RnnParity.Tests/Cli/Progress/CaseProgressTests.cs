using System.Diagnostics;
using System.Text.RegularExpressions;
using RnnParity.Cli.Progress;
using Spectre.Console;

namespace RnnParity.Tests.Cli.Progress;

/// <summary>
/// The progress bar of verify, generate and regen: drawn on a terminal (here a pseudo-terminal made by
/// util-linux <c>script</c>), absent from redirected output, and never in the way of the case lines.
/// </summary>
[TestFixture]
public sealed partial class CaseProgressTests
{
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    [TestCase(2, false, true, "xterm", false, TestName = "Two_cases_get_no_bar")]
    [TestCase(3, false, true, "xterm", true, TestName = "Three_cases_on_a_terminal_stdout_get_a_bar")]
    [TestCase(3, true, false, "xterm", true, TestName = "A_terminal_stderr_alone_gets_a_bar")]
    [TestCase(50, true, true, "xterm", false, TestName = "Redirected_stdout_and_stderr_get_no_bar")]
    [TestCase(50, false, false, "dumb", false, TestName = "A_dumb_terminal_gets_no_bar")]
    [TestCase(null, false, false, "xterm", true, TestName = "An_unknown_count_on_a_terminal_gets_a_bar")]
    public void When_a_bar_is_shown(int? cases, bool stdoutRedirected, bool stderrRedirected, string term, bool shown) =>
        Assert.That(CaseProgress.Wanted(cases, stdoutRedirected, stderrRedirected, term), Is.EqualTo(shown));

    [Test]
    public void Lines_written_during_the_bar_come_out_whole_and_in_order()
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        string[] names = ["first_case", "second_case", "third_case"];

        int result = CaseProgress.Render(console, "verify", names.Length, null, progress =>
        {
            for (int i = 0; i < names.Length; i++)
            {
                progress.Out.WriteLine($"PASS  {names[i]}");
                progress.Advance(i + 1, names.Length, names[i]);
            }
            return 7;
        });

        Assert.That(result, Is.EqualTo(7), "the work's result comes back");
        string plain = AnsiEscape().Replace(screen.ToString(), "");
        var passLines = plain.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("PASS", StringComparison.Ordinal)).ToList();
        Assert.That(passLines, Is.EqualTo(names.Select(n => $"PASS  {n}")), plain);
    }

    [Test]
    public void Redirected_verify_output_has_no_bar_and_no_escape_codes()
    {
        CliResult r = CliRunner.Run("verify", RepoPaths.NumpyFixtures);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        string all = r.Stdout + r.Stderr;
        Assert.That(all.Contains('\u001b'), Is.False, "an escape code in redirected output:\n" + r.Transcript);
        Assert.That(Regex.IsMatch(all, @"verify \d+/\d+"), Is.False, "a progress label in redirected output:\n" + r.Transcript);
        int cases = Directory.GetDirectories(RepoPaths.NumpyFixtures).Length;
        Assert.That(r.Stdout.Split('\n').Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal)), Is.EqualTo(cases), r.Transcript);
    }

    [Test]
    public void On_a_terminal_verify_draws_a_bar_to_the_last_case_and_keeps_every_line()
    {
        int cases = Directory.GetDirectories(RepoPaths.NumpyFixtures).Length;
        string screen = OnTerminal("verify", RepoPaths.NumpyFixtures);
        string plain = AnsiEscape().Replace(screen, "");

        Assert.That(plain, Does.Contain($"verify {cases}/{cases} "), "the bar reached the last case");
        var passNames = Regex.Matches(plain, @"PASS  (\w+)").Select(m => m.Groups[1].Value).ToList();
        Assert.That(passNames.Distinct().Order(), Is.EqualTo(Directory.GetDirectories(RepoPaths.NumpyFixtures).Select(Path.GetFileName).Order()), plain);
        Assert.That(plain, Does.Contain($"verify: {cases} cases: {cases} PASS, 0 FAIL"), plain);
    }

    [Test, Category("LiveNumPy")]
    public void On_a_terminal_generate_advances_the_bar_from_python()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("progress-generate");
        string[] names = Directory.GetDirectories(RepoPaths.NumpyFixtures).Select(Path.GetFileName).Order().Take(3).ToArray()!;

        string plain = AnsiEscape().Replace(OnTerminal(["generate", "--out", tmp.Path, .. names], ("RNNPARITY_PYTHON", python.Executable)), "");

        Assert.That(plain, Does.Contain($"generate 3/3 {names[^1]}"), plain);
        Assert.That(plain, Does.Contain("generate: 3 written, 0 unchanged, 0 skipped"), plain);
    }

    static string OnTerminal(params string[] args) => OnTerminal(args, []);

    /// <summary>Runs the CLI under <c>script</c>, which gives it a pseudo-terminal; returns what the terminal received.</summary>
    static string OnTerminal(string[] args, params (string Key, string Value)[] env)
    {
        if (!File.Exists("/usr/bin/script")) Assert.Inconclusive("needs util-linux 'script' (/usr/bin/script) to make a pseudo-terminal");
        string command = string.Join(' ', new[] { "dotnet", CliRunner.CliDll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in new[] { "-q", "-e", "-c", command, "/dev/null" }) psi.ArgumentList.Add(a);
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("RNNPARITY_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["TERM"] = "xterm";
        foreach (var (key, value) in env) psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command}' on a pseudo-terminal did not finish within 120 s");
        }
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{command}\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
