using System.Text.RegularExpressions;
using RnnParity.Python.Parity;

namespace RnnParity.Tests.Cli;

/// <summary><c>rnnparity live --reference</c>: each reference named in the output; Keras required only when asked for.</summary>
[TestFixture, Category("LiveNumPy")]
public sealed class LiveReferenceCliTests
{
    [Test]
    public void Reference_keras_without_keras_says_so_and_exits_3()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("live-nokeras");

        CliResult r = CliRunner.Run(["live", "--reference", "keras"], KerasStandIns.Env(python, KerasStandIns.Hidden(tmp)));

        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("--reference keras needs keras, which does not import").And.Contain("~/.venvs/keras"), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Contain("PASS"), r.Transcript);
    }

    [Test]
    public void Reference_numpy_runs_every_configuration_against_numpy_only()
    {
        var python = CliPython.RequireNumpy();

        CliResult r = CliRunner.Run(["live", "--reference", "numpy"], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable });

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        int n = LiveParityCase.Standard.Count;
        Assert.That(Regex.Matches(r.Stdout, "(?m)^PASS  numpy  ").Count, Is.EqualTo(n), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Contain("keras"), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"live: {n} configurations against numpy: {n} PASS, 0 FAIL"), r.Transcript);
    }

    [Test]
    public void By_default_a_missing_keras_is_named_and_numpy_still_runs()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("live-default");

        CliResult r = CliRunner.Run(["live"], KerasStandIns.Env(python, KerasStandIns.Hidden(tmp)));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("keras not run: keras is not installed").And.Contain("keras hidden by the test"), r.Transcript);
        Assert.That(Regex.Matches(r.Stdout, "(?m)^PASS  numpy  ").Count, Is.EqualTo(LiveParityCase.Standard.Count), r.Transcript);
    }

    [Test]
    public void Reference_both_runs_keras_where_it_imports()
    {
        var python = CliKeras.Require();

        CliResult r = CliRunner.Run(["live", "--reference", "both"], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable }, TimeSpan.FromSeconds(600));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        int n = LiveParityCase.Standard.Count;
        Assert.That(Regex.Matches(r.Stdout, "(?m)^PASS  keras  ").Count, Is.EqualTo(n), r.Transcript);
        Assert.That(Regex.Matches(r.Stdout, "(?m)^PASS  numpy  ").Count, Is.EqualTo(n), r.Transcript);
    }

    [Test]
    public void An_unknown_reference_is_a_usage_error()
    {
        CliResult r = CliRunner.Run(["live", "--reference", "torch"], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = "/nonexistent/python3" });

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("torch"), r.Transcript);
    }
}
