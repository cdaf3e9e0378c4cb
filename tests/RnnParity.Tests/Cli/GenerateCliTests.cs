namespace RnnParity.Tests.Cli;

/// <summary><c>rnnparity generate</c> and <c>regen</c> usage errors exit 2 with a message, not a traceback.</summary>
[TestFixture, Category("LiveNumPy")]
public sealed class GenerateCliTests
{
    [Test]
    public void An_unknown_case_name_is_a_usage_error()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("generate-unknown");

        CliResult r = CliRunner.Run(["generate", "--out", tmp.Path, "no_such_case"], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable });

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("unknown case(s): no_such_case").And.Not.Contain("Traceback"), r.Transcript);
        Assert.That(Directory.EnumerateFileSystemEntries(tmp.Path), Is.Empty, "nothing was written");
    }

    [Test]
    public void Generating_a_numpy_case_writes_it_and_a_second_run_leaves_it_unchanged()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("generate-one");
        var env = new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable };

        CliResult first = CliRunner.Run(["generate", "--out", tmp.Path, "numpy_tutorial_example"], env);
        CliResult second = CliRunner.Run(["generate", "--out", tmp.Path, "numpy_tutorial_example"], env);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Transcript);
        Assert.That(first.Stdout, Does.Contain("1 written"), first.Transcript);
        Assert.That(second.Stdout, Does.Contain("1 unchanged"), second.Transcript);
        string made = Path.Combine(tmp.Path, "numpy", "numpy_tutorial_example");
        foreach (string file in Directory.GetFiles(RepoPaths.Case("numpy_tutorial_example")).Where(f => !f.EndsWith("case.json")))
            Assert.That(File.ReadAllBytes(Path.Combine(made, Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), Path.GetFileName(file));
    }

    [Test]
    public void Regen_of_a_folder_without_cases_says_no_case_was_found()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("regen-empty");

        CliResult r = CliRunner.Run(["regen", "--check", tmp.Path], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable });

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("no case found"), r.Transcript);
    }
}
