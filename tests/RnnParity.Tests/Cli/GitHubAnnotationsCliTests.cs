using System.Text.RegularExpressions;
using RnnParity.Cli.Commands;

namespace RnnParity.Tests.Cli;

/// <summary>
/// Under GitHub Actions (<c>GITHUB_ACTIONS=true</c>) verify and regen --check print an
/// <c>::error file=...,title=...::message</c> workflow command per failing case, escaped as GitHub's
/// toolkit does (data: <c>%</c> CR LF; properties also <c>:</c> and <c>,</c>); elsewhere they print none.
/// </summary>
[TestFixture]
public sealed partial class GitHubAnnotationsCliTests
{
    [GeneratedRegex(@"^::error file=(?<file>[^,:]*),title=(?<title>[^,:]*)::(?<message>.*)$")]
    private static partial Regex ErrorCommand();

    /// <summary>The inverse of the toolkit's escaping (its documented table), so a test reads what Actions will show.</summary>
    static string Unescape(string text) =>
        text.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%3A", ":").Replace("%2C", ",").Replace("%25", "%");

    static List<(string File, string Title, string Message)> Annotations(string stdout) =>
        stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).Select(l =>
        {
            Match m = ErrorCommand().Match(l.TrimEnd('\r'));
            Assert.That(m.Success, Is.True, $"not an ::error command with escaped file and title: {l}");
            return (Unescape(m.Groups["file"].Value), Unescape(m.Groups["title"].Value), Unescape(m.Groups["message"].Value));
        }).ToList();

    static string Copy(string caseName, CliTempDir into) => TestFiles.CopyTree(RepoPaths.Case(caseName), into.Sub(caseName));

    [Test]
    public void Escaping_round_trips_and_leaves_no_raw_separator()
    {
        const string awkward = "100% off: a, b\r\nnext line\n%0A literal";
        string line = GitHubAnnotations.Error("dir,with:odd/case.json", awkward, awkward);

        Assert.That(line.Count(c => c is '\r' or '\n'), Is.Zero, line);
        var (file, title, message) = Annotations(line).Single();
        Assert.That(title, Is.EqualTo(awkward));
        Assert.That(message, Is.EqualTo(awkward));
        Assert.That(file, Does.EndWith("dir,with:odd/case.json"));
    }

    [Test]
    public void Verify_annotates_each_failing_case_and_only_under_actions()
    {
        using var tmp = new CliTempDir("gh-verify");
        string bad = Copy("numpy_lstm_last", tmp);
        Copy("numpy_gru_reset_after", tmp);
        CliTestFiles.ShiftAllOutputs(bad, 0.5f);

        CliResult actions = CliRunner.Run(["verify", tmp.Path], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });
        CliResult local = CliRunner.Run(["verify", tmp.Path], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null });

        Assert.That(actions.ExitCode, Is.EqualTo(1), actions.Transcript);
        var (file, title, message) = Annotations(actions.Stdout).Single();
        Assert.That(file, Is.EqualTo(Path.Combine(bad, "case.json")), actions.Transcript);
        Assert.That(title, Is.EqualTo("rnnparity verify: numpy_lstm_last failed"), actions.Transcript);
        Assert.That(message, Does.Contain("run0_out0.npy").And.Contain("out of tolerance"), actions.Transcript);
        Assert.That(local.ExitCode, Is.EqualTo(1), local.Transcript);
        Assert.That(Annotations(local.Stdout), Is.Empty, local.Transcript);
    }

    [Test, Category("LiveNumPy")]
    public void Regen_check_annotates_a_drifted_case()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("gh-regen");
        string bad = Copy("numpy_lstm_last", tmp);
        Copy("numpy_gru_reset_after", tmp);
        CliTestFiles.ShiftAllOutputs(bad, 0.5f);

        CliResult r = CliRunner.Run(["regen", "--check", tmp.Path],
            new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["RNNPARITY_PYTHON"] = python.Executable });

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        var (file, title, message) = Annotations(r.Stdout).Single();
        Assert.That(file, Is.EqualTo(Path.Combine(bad, "case.json")), r.Transcript);
        Assert.That(title, Is.EqualTo("rnnparity regen --check: numpy_lstm_last drifted"), r.Transcript);
        Assert.That(message, Does.Contain("outside the tolerance").Or.Contain("max_abs_error"), r.Transcript);
    }
}
