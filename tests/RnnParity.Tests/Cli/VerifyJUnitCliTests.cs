using System.Xml.Linq;

namespace RnnParity.Tests.Cli;

/// <summary><c>rnnparity verify --junit FILE</c>: the XML CI systems read, checked by parsing it.</summary>
[TestFixture]
public sealed class VerifyJUnitCliTests
{
    const string Good = "seed_simple_rnn_last";

    [Test]
    public void One_suite_per_path_one_testcase_per_case_with_failure_and_error()
    {
        using var tmp = new CliTempDir("junit");
        TestFiles.CopyTree(RepoPaths.Case(Good), tmp.Sub("good", Good));
        CliTestFiles.ShiftAllOutputs(TestFiles.CopyTree(RepoPaths.Case(Good), tmp.Sub("bad", Good)), 0.5f);
        string unreadable = TestFiles.CopyTree(RepoPaths.Case(Good), tmp.Sub("bad", "garbled"));
        File.WriteAllText(Path.Combine(unreadable, "case.json"), "{ not json");

        CliResult r = CliRunner.Run(["verify", "good", "bad", "--junit", "out/report.xml"], workingDirectory: tmp.Path);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);

        XElement root = XDocument.Load(tmp.Sub("out", "report.xml")).Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var suites = root.Elements("testsuite").ToList();
        Assert.That(suites.Select(s => (string)s.Attribute("name")!), Is.EqualTo(new[] { "good", "bad" }));

        var good = suites[0].Elements("testcase").ToList();
        Assert.That(good.Select(c => ((string)c.Attribute("classname")!, (string)c.Attribute("name")!)), Is.EqualTo(new[] { ("good", Good) }));
        Assert.That(good[0].HasElements, Is.False, "a passing case has no failure, error or skipped child");

        var bad = suites[1].Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.That(bad.Keys, Is.EquivalentTo(new[] { Good, "garbled" }));
        Assert.That(bad.Values.Select(c => (string)c.Attribute("classname")!), Is.All.EqualTo("bad"));

        XElement failure = bad[Good].Element("failure")!;
        Assert.That(failure, Is.Not.Null, bad[Good].ToString());
        Assert.That(bad[Good].Element("error"), Is.Null);
        Assert.That((string)failure.Attribute("message")!, Is.Not.Empty.And.Not.Contain("\n"));
        Assert.That(r.Stdout, Does.Contain((string)failure.Attribute("message")!), "the message is the one the console shows");

        XElement error = bad["garbled"].Element("error")!;
        Assert.That(error, Is.Not.Null, bad["garbled"].ToString());
        Assert.That(bad["garbled"].Element("failure"), Is.Null);
        Assert.That((string)error.Attribute("message")!, Does.Contain("case.json"));

        Assert.That(Counts(suites[0]), Is.EqualTo((1, 0, 0, 0)));
        Assert.That(Counts(suites[1]), Is.EqualTo((2, 1, 1, 0)));
        Assert.That(Counts(root), Is.EqualTo((3, 1, 1, 0)));
    }

    [Test]
    public void All_passing_is_exit_0_and_every_committed_case_is_a_testcase()
    {
        using var tmp = new CliTempDir("junit-pass");
        string report = tmp.Sub("r.xml");
        CliResult r = CliRunner.Run(["verify", RepoPaths.Fixtures, "--junit", report], workingDirectory: RepoPaths.Root);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        XElement root = XDocument.Load(report).Root!;
        var names = root.Descendants("testcase").Select(c => (string)c.Attribute("name")!).ToList();
        int listed = r.Stdout.Split('\n').Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal));
        Assert.That(names, Has.Count.EqualTo(listed).And.Unique);
        Assert.That(root.Descendants("testcase").Select(c => (string)c.Attribute("classname")!),
            Is.All.EqualTo("fixtures/keras").Or.EqualTo("fixtures/numpy"));
    }

    [Test]
    public void An_unwritable_report_is_exit_2_naming_it()
    {
        using var tmp = new CliTempDir("junit-unwritable");
        Directory.CreateDirectory(tmp.Sub("taken.xml"));
        CliResult r = CliRunner.Run("verify", RepoPaths.Case(Good), "--junit", tmp.Sub("taken.xml"));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("JUnit report").And.Contain("taken.xml"), r.Transcript);
    }

    static (int Tests, int Failures, int Errors, int Skipped) Counts(XElement e) =>
        ((int)e.Attribute("tests")!, (int)e.Attribute("failures")!, (int)e.Attribute("errors")!, (int)e.Attribute("skipped")!);
}
