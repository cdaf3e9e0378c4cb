namespace RnnParity.Tests.Cli;

/// <summary>
/// Which <c>python/</c> a Python command runs: the checkout's when the working directory is inside one
/// (a parent holding <c>RnnParity.sln</c> and <c>python/case_catalogue.py</c>), else the bundled copy;
/// <c>RNNPARITY_PYTHON_DIR</c> over both. Each run says which on stderr.
/// </summary>
[TestFixture, Category("LiveNumPy")]
public sealed class PythonScriptsCliTests
{
    /// <summary>A checkout whose catalogue knows one case the bundled one does not.</summary>
    static string FakeCheckout(CliTempDir tmp, string caseName, int protocol = RnnParity.Python.PythonScripts.Protocol)
    {
        File.WriteAllText(tmp.Sub("RnnParity.sln"), "");
        Directory.CreateDirectory(tmp.Sub("python"));
        File.WriteAllText(tmp.Sub("python", RnnParity.Python.PythonScripts.ProtocolFile), $"PROTOCOL = {protocol}\n");
        File.WriteAllText(tmp.Sub("python", "case_catalogue.py"), $$"""
            def case_names():
                return ["{{caseName}}"]

            def generate(names, root, progress=None):
                return {"written": ["{{caseName}}"], "unchanged": [], "skipped": []}
            """);
        Directory.CreateDirectory(tmp.Sub("deep", "below"));
        return tmp.Sub("python");
    }

    static string ScriptsLine(CliResult r) =>
        r.Stderr.Split('\n').SingleOrDefault(l => l.StartsWith("python scripts: ", StringComparison.Ordinal))
        ?? throw new AssertionException($"no 'python scripts:' line on stderr{Environment.NewLine}{r.Transcript}");

    [Test]
    public void Inside_a_checkout_its_python_folder_is_used_and_named()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("scripts-checkout");
        string scripts = FakeCheckout(tmp, "only_in_this_checkout");

        CliResult r = CliRunner.Run(["generate", "--out", tmp.Sub("out"), "only_in_this_checkout"],
            new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable }, workingDirectory: tmp.Sub("deep", "below"));

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("written    only_in_this_checkout"), r.Transcript);
        Assert.That(ScriptsLine(r), Does.StartWith($"python scripts: {scripts} ").And.Contain("checkout"), r.Transcript);
    }

    [Test]
    public void Outside_a_checkout_the_bundled_copy_is_used_and_named()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("scripts-bundled");
        // python/case_catalogue.py without RnnParity.sln is not a checkout.
        Directory.CreateDirectory(tmp.Sub("python"));
        File.WriteAllText(tmp.Sub("python", "case_catalogue.py"), "raise RuntimeError('not a checkout: must not be imported')\n");

        CliResult r = CliRunner.Run(["generate", "--out", tmp.Sub("out"), "not_a_case_anywhere"],
            new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable }, workingDirectory: tmp.Path);

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("unknown case(s): not_a_case_anywhere"), r.Transcript);
        Assert.That(ScriptsLine(r), Does.StartWith($"python scripts: {CliRunner.BuiltPythonDirectory} ").And.Contain("bundled"), r.Transcript);
    }

    [Test]
    public void A_checkout_of_another_protocol_is_passed_over_for_the_bundled_copy_and_said()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("scripts-old-checkout");
        FakeCheckout(tmp, "only_in_the_old_checkout", protocol: RnnParity.Python.PythonScripts.Protocol - 1);

        CliResult r = CliRunner.Run(["generate", "--out", tmp.Sub("out"), "only_in_the_old_checkout"],
            new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable }, workingDirectory: tmp.Sub("deep", "below"));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("unknown case(s): only_in_the_old_checkout"), r.Transcript);
        Assert.That(ScriptsLine(r), Does.StartWith($"python scripts: {CliRunner.BuiltPythonDirectory} ")
            .And.Contain($"says protocol {RnnParity.Python.PythonScripts.Protocol - 1}, this rnnparity speaks protocol {RnnParity.Python.PythonScripts.Protocol}"), r.Transcript);
    }

    [Test]
    public void The_variable_wins_over_the_checkout()
    {
        var python = CliPython.RequireNumpy();
        using var checkout = new CliTempDir("scripts-checkout");
        using var other = new CliTempDir("scripts-variable");
        FakeCheckout(checkout, "only_in_the_checkout");
        string chosen = FakeCheckout(other, "only_in_the_variable_folder");

        CliResult r = CliRunner.Run(["generate", "--out", checkout.Sub("out"), "only_in_the_variable_folder"],
            new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable, ["RNNPARITY_PYTHON_DIR"] = chosen },
            workingDirectory: checkout.Path);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("written    only_in_the_variable_folder"), r.Transcript);
        Assert.That(ScriptsLine(r), Does.StartWith($"python scripts: {chosen} ").And.Contain("RNNPARITY_PYTHON_DIR"), r.Transcript);
    }
}
