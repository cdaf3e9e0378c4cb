namespace RnnParity.Tests.Cli.Usage;

/// <summary>
/// Mistyped commands and options get a suggestion, bad option values one plain line naming the option,
/// the value and what was expected; all exit 2 and none shows the parser's own wording.
/// </summary>
[TestFixture]
public sealed class UsageErrorsCliTests
{
    static readonly string[] ParserJargon = ["System.Int32", "Cannot parse argument", "Unrecognized command or argument", "Required command was not provided", "not recognized. Must be one of"];

    static CliResult Run(string line) =>
        CliRunner.Run(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), workingDirectory: RepoPaths.Root);

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    static void AssertUsage(CliResult r)
    {
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stdout, Is.Empty, r.Transcript);
        foreach (string jargon in ParserJargon) Assert.That(r.Stderr, Does.Not.Contain(jargon), r.Transcript);
    }

    [TestCase("verfy", "rnnparity: unknown command 'verfy'. Did you mean 'verify'?", TestName = "A_mistyped_command_gets_a_suggestion")]
    [TestCase("rgen --check", "rnnparity: unknown command 'rgen'. Did you mean 'regen'?", TestName = "A_mistyped_command_with_options_gets_a_suggestion")]
    [TestCase("verify --jsno report.json fixtures", "rnnparity verify: unknown option '--jsno'. Did you mean '--json'?", TestName = "A_mistyped_option_before_the_paths_gets_a_suggestion")]
    [TestCase("verify fixtures --jnuit r.xml", "rnnparity verify: unknown option '--jnuit'. Did you mean '--junit'?", TestName = "A_mistyped_option_after_the_paths_gets_a_suggestion")]
    [TestCase("live --refrence numpy", "rnnparity live: unknown option '--refrence'. Did you mean '--reference'?", TestName = "A_mistyped_option_of_a_command_without_paths_gets_a_suggestion")]
    public void A_typo_gets_did_you_mean(string line, string firstLine)
    {
        CliResult r = Run(line);
        AssertUsage(r);
        string[] lines = Lines(r.Stderr);
        Assert.That(lines[0], Does.StartWith(firstLine), r.Transcript);
        Assert.That(lines[^1], Does.Match(@"^Run 'rnnparity( \w+)? --help' for usage\.$"), r.Transcript);
    }

    [Test]
    public void A_name_near_nothing_gets_no_suggestion_but_the_list_of_commands()
    {
        CliResult r = Run("frobnicate");
        AssertUsage(r);
        Assert.That(r.Stderr, Does.Contain("unknown command 'frobnicate'").And.Not.Contain("Did you mean"), r.Transcript);
        foreach (string command in new[] { "verify", "live", "generate", "regen", "capture", "check", "diff", "predict" })
            Assert.That(r.Stderr, Does.Contain(command), r.Transcript);
    }

    [Test]
    public void A_path_after_a_double_dash_is_a_path_even_when_it_starts_with_dashes()
    {
        CliResult r = Run("verify -- --not-an-option");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("'--not-an-option': no such file or directory").And.Not.Contain("unknown option"), r.Transcript);
    }

    [TestCase("regen --timeout abc", "rnnparity regen: --timeout 'abc': expected a positive whole number of seconds", TestName = "A_non_numeric_timeout_is_one_plain_line")]
    [TestCase("live --timeout -3", "rnnparity live: --timeout '-3': expected a positive whole number of seconds", TestName = "A_negative_timeout_is_one_plain_line")]
    [TestCase("verify --shard 3/2 fixtures", "rnnparity verify: --shard '3/2': expected K/N, two whole numbers with 1 <= K <= N", TestName = "A_shard_past_its_count_is_one_plain_line")]
    [TestCase("capture model.keras --out case --batch -1", "rnnparity capture: --batch '-1': expected a positive whole number", TestName = "A_negative_batch_is_one_plain_line")]
    [TestCase("check model.keras --timesteps many", "rnnparity check: --timesteps 'many': expected a positive whole number", TestName = "A_non_numeric_timesteps_is_one_plain_line")]
    [TestCase("capture model.keras --out case --seed x", "rnnparity capture: --seed 'x': expected a whole number", TestName = "A_non_numeric_seed_is_one_plain_line")]
    [TestCase("live --reference foo", "rnnparity live: --reference 'foo': expected one of ", TestName = "An_unknown_reference_is_one_plain_line")]
    [TestCase("verify fixtures --json", "rnnparity verify: --json needs a value", TestName = "An_option_without_its_value_is_one_plain_line")]
    public void A_bad_option_value_is_one_plain_line(string line, string expected)
    {
        CliResult r = Run(line);
        AssertUsage(r);
        string[] lines = Lines(r.Stderr);
        Assert.That(lines, Has.Length.EqualTo(1), r.Transcript);
        Assert.That(lines[0], Does.StartWith(expected), r.Transcript);
    }

    [Test]
    public void An_unknown_reference_lists_every_allowed_one()
    {
        string line = Lines(Run("live --reference foo").Stderr)[0];
        string allowed = line[(line.IndexOf("one of ", StringComparison.Ordinal) + "one of ".Length)..];
        Assert.That(allowed.Split(", "), Is.EquivalentTo(new[] { "keras", "numpy", "both" }), line);
    }

    [Test]
    public void No_command_at_all_lists_the_commands()
    {
        CliResult r = Run("");
        AssertUsage(r);
        Assert.That(Lines(r.Stderr)[0], Does.StartWith("rnnparity: no command given. Commands: verify,"), r.Transcript);
    }
}
