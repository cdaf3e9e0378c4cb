using System.Text.Json;

namespace RnnParity.Tests.Cli;

/// <summary>How <c>rnnparity</c> answers being called wrongly: exit 2 and a message, never 0 or 1.</summary>
[TestFixture]
public sealed class VerifyUsageCliTests
{
    [Test]
    public void A_nonexistent_path_is_exit_2_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "rnnparity-no-such-" + Guid.NewGuid().ToString("N"));
        CliResult r = CliRunner.Run("verify", missing);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain(missing).And.Contain("no such file or directory"), r.Transcript);
    }

    [Test]
    public void A_nonexistent_path_beside_a_good_case_is_still_exit_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "rnnparity-no-such-" + Guid.NewGuid().ToString("N"));
        CliResult r = CliRunner.Run("verify", RepoPaths.Case("seed_simple_rnn_last"), missing);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain(missing), r.Transcript);
    }

    [Test]
    public void A_folder_without_cases_is_exit_2()
    {
        using var tmp = new CliTempDir("verify-empty");
        Directory.CreateDirectory(tmp.Sub("a", "b"));
        File.WriteAllText(tmp.Sub("a", "notes.txt"), "no case here");
        CliResult r = CliRunner.Run("verify", tmp.Path);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain(tmp.Path).And.Contain("holds no case"), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Contain("PASS"), r.Transcript);
    }

    [Test]
    public void A_plain_file_is_exit_2() =>
        Assert.That(CliRunner.Run("verify", Path.Combine(RepoPaths.Case("seed_simple_rnn_last"), "model.json")).ExitCode, Is.EqualTo(2));

    [TestCase("", TestName = "No_arguments_is_exit_2")]
    [TestCase("verify", TestName = "Verify_without_a_path_is_exit_2")]
    [TestCase("verify --frobnicate fixtures", TestName = "Unknown_option_is_exit_2")]
    [TestCase("--frobnicate", TestName = "Unknown_root_option_is_exit_2")]
    [TestCase("frobnicate", TestName = "Unknown_command_is_exit_2")]
    [TestCase("verify fixtures --json", TestName = "Json_without_a_file_is_exit_2")]
    [TestCase("regen --timeout soon", TestName = "Non_numeric_timeout_is_exit_2")]
    public void Usage_errors_are_exit_2(string line)
    {
        string[] args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CliResult r = CliRunner.Run(args, workingDirectory: RepoPaths.Root);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("rnnparity"), r.Transcript);
    }

    [Test]
    public void A_zero_timeout_is_exit_2_before_python_starts()
    {
        // RNNPARITY_PYTHON points nowhere: had the command looked for Python first, it would exit 3.
        CliResult r = CliRunner.Run(["live", "--timeout", "0"], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = "/nonexistent/python3" });
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("--timeout"), r.Transcript);
    }

    [TestCase("--help", "verify", TestName = "Help_is_exit_0")]
    [TestCase("verify --help", "--json", TestName = "Verify_help_is_exit_0")]
    [TestCase("regen --help", "--check", TestName = "Regen_help_is_exit_0")]
    public void Help_is_exit_0(string line, string mentions)
    {
        string[] args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CliResult r = CliRunner.Run(args);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain(mentions), r.Transcript);
    }

    [Test]
    public void An_unwritable_json_report_is_exit_2_after_the_cases_ran()
    {
        using var tmp = new CliTempDir("verify-json");
        File.WriteAllText(tmp.Sub("blocker"), "a file, so blocker/report.json cannot be created");
        CliResult r = CliRunner.Run("verify", RepoPaths.Case("seed_simple_rnn_last"), "--json", tmp.Sub("blocker", "report.json"));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("PASS  seed_simple_rnn_last"), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("cannot write the JSON report"), r.Transcript);
    }

    [Test]
    public void The_committed_fixtures_all_pass_with_a_json_report()
    {
        using var tmp = new CliTempDir("verify-all");
        CliResult r = CliRunner.Run("verify", RepoPaths.Fixtures, "--json", tmp.Sub("r.json"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.Sub("r.json")));
        int count = Directory.GetDirectories(RepoPaths.KerasFixtures).Length + Directory.GetDirectories(RepoPaths.NumpyFixtures).Length;
        Assert.That(doc.RootElement.GetProperty("passed").GetInt32(), Is.EqualTo(count));
        Assert.That(doc.RootElement.GetProperty("failed").GetInt32(), Is.EqualTo(0));
    }
}
