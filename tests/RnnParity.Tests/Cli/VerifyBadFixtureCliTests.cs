using System.Text.Json;
using RnnParity.Tests.Fixtures.Format;

namespace RnnParity.Tests.Cli;

/// <summary>
/// Every malformed-case category of <see cref="MalformedCaseTests"/>, now through the real command:
/// <c>rnnparity verify DIR --json report.json</c> on a folder with one good case and the broken one.
/// The broken case must FAIL with a message naming case, file and field; the good case must still
/// PASS; the exit code is 1 and the JSON report lists both.
/// </summary>
[TestFixture]
public sealed class VerifyBadFixtureCliTests
{
    const string Bad = FixtureTestFiles.TemplateCase;  // seed_simple_rnn_last
    const string Good = "simple_rnn_return_state";

    public static IEnumerable<TestCaseData> Breakages() =>
        MalformedCaseTests.Breakages().Select(d => new TestCaseData(d.Arguments[0]).SetName("VerifyCli_" + ((MalformedCaseTests.Breakage)d.Arguments[0]!).Category));

    [Test]
    public void There_are_at_least_30_categories() => Assert.That(Breakages().Count(), Is.GreaterThanOrEqualTo(30));

    [TestCaseSource(nameof(Breakages))]
    public void One_bad_case_fails_by_name_and_the_good_one_still_passes(MalformedCaseTests.Breakage b)
    {
        using var tmp = new CliTempDir("verify-bad");
        // Break the case in a staging folder (some breakages put files beside the case), then move it
        // next to the good case; absolute symlinks keep pointing at the staging folder, outside the case.
        string staged = FixtureTestFiles.CopyCase(tmp.Sub("stage"));
        b.Break(staged);
        string root = tmp.Sub("cases");
        Directory.CreateDirectory(root);
        Directory.Move(staged, Path.Combine(root, Bad));
        TestFiles.CopyTree(RepoPaths.Case(Good), Path.Combine(root, Good));
        string report = tmp.Sub("out", "report.json");

        if (b.Category == "case_json_missing")
        {
            // Without case.json the directory is not a case at all: named explicitly it is a usage error.
            CliResult named = CliRunner.Run(["verify", root, Path.Combine(root, Bad)]);
            Assert.That(named.ExitCode, Is.EqualTo(2), named.Transcript);
            Assert.That(named.Stderr, Does.Contain(Path.Combine(root, Bad)).And.Contain("holds no case"), named.Transcript);
            // ...and searched for, it is not found, so the good case is verified alone.
            CliResult searched = CliRunner.Run(["verify", root]);
            Assert.That(searched.ExitCode, Is.EqualTo(0), searched.Transcript);
            Assert.That(searched.Stdout, Does.Contain($"PASS  {Good}").And.Contain("verify: 1 cases: 1 PASS, 0 FAIL"), searched.Transcript);
            return;
        }

        CliResult r = CliRunner.Run(["verify", root, "--json", report]);
        TestContext.Out.WriteLine(r.Transcript);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        string expectedStart = $"case '{Bad}': {b.File}: " + (b.Field is null ? "" : $"field '{b.Field}': ");
        string[] lines = r.Stdout.Split('\n');
        int failAt = Array.FindIndex(lines, l => l.StartsWith($"FAIL  {Bad} ", StringComparison.Ordinal));
        Assert.That(failAt, Is.GreaterThanOrEqualTo(0), $"no 'FAIL  {Bad}' line{Environment.NewLine}{r.Transcript}");
        string failure = lines[failAt + 1].Trim();
        Assert.That(failure, Does.StartWith(expectedStart).And.Contain(b.DetailPart), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"PASS  {Good} "), "one bad case hid the good one" + Environment.NewLine + r.Transcript);
        Assert.That(r.Stdout, Does.Contain("verify: 2 cases: 1 PASS, 1 FAIL"), r.Transcript);

        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => Path.GetFileName(c.GetProperty("path").GetString()!));
        Assert.That(cases.Keys, Is.EquivalentTo(new[] { Bad, Good }));
        Assert.That(cases[Good].GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(cases[Good].GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(cases[Bad].GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(cases[Bad].GetProperty("error").GetString(), Does.StartWith(expectedStart).And.Contain(b.DetailPart));
        Assert.That(doc.RootElement.GetProperty("passed").GetInt32(), Is.EqualTo(1));
        Assert.That(doc.RootElement.GetProperty("failed").GetInt32(), Is.EqualTo(1));
    }
}
