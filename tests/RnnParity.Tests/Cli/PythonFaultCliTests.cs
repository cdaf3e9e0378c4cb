using System.Text.RegularExpressions;
using System.Diagnostics;
using System.Text.Json;

namespace RnnParity.Tests.Cli;

/// <summary>
/// Python going wrong under the CLI, each fault set up through the child's environment
/// (RNNPARITY_PYTHON, RNNPARITY_PYTHON_LIB, RNNPARITY_PYTHON_DIR) so this process stays untouched:
/// exit 3 for a missing interpreter/libpython/numpy, skipped Keras cases, exit 4 with the traceback
/// for a raising script, exit 5 (and a dead process) for a script that never returns.
/// </summary>
[TestFixture]
public sealed class PythonFaultCliTests
{
    static Dictionary<string, string?> Env(params (string Key, string Value)[] vars) => vars.ToDictionary(v => v.Key, v => (string?)v.Value);

    [Test]
    public void No_interpreter_is_exit_3_naming_it()
    {
        CliResult r = CliRunner.Run(["live"], Env(("RNNPARITY_PYTHON", "/nonexistent/python3")));
        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("/nonexistent/python3").And.Contain("RNNPARITY_PYTHON").And.Contain("could not be run"), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Contain("PASS"), r.Transcript);
    }

    [Test]
    public void No_interpreter_given_by_option_is_exit_3_naming_it()
    {
        using var tmp = new CliTempDir("py-none");
        TestFiles.CopyTree(RepoPaths.NumpyFixtures, tmp.Sub("numpy"));
        CliResult r = CliRunner.Run(["regen", "--check", "--python", "/nonexistent/python3", tmp.Sub("numpy")]);
        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("/nonexistent/python3").And.Contain("--python"), r.Transcript);
    }

    [Test]
    public void Libpython_not_found_is_exit_3_with_a_clear_message()
    {
        var python = CliPython.RequireNumpy();
        CliResult r = CliRunner.Run(["live"], Env(("RNNPARITY_PYTHON", python.Executable), ("RNNPARITY_PYTHON_LIB", "/nonexistent/libpython3.11.so")));
        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("RNNPARITY_PYTHON_LIB=/nonexistent/libpython3.11.so does not exist")
            .And.Contain("shared libpython"), r.Transcript);
    }

    [Test]
    public void Numpy_missing_is_exit_3_saying_so_and_how_to_install_it()
    {
        if (OperatingSystem.IsWindows()) { Assert.Ignore("the fault is staged with a POSIX shell wrapper"); return; }
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("py-nonumpy");
        // The same interpreter without site-packages: -S skips the site module, so numpy is not found.
        string wrapper = tmp.Sub("python3");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{python.Executable}' -S \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // First make sure the fault is real: numpy imports in the interpreter and not in the wrapper.
        Assert.That(RunPython(python.Executable, "import numpy"), Is.EqualTo(0));
        Assert.That(RunPython(wrapper, "import numpy"), Is.Not.EqualTo(0), "the -S wrapper still imports numpy");

        CliResult r = CliRunner.Run(["live"], Env(("RNNPARITY_PYTHON", wrapper)));
        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain(wrapper).And.Contain("no module named numpy"), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("python3-numpy").And.Contain("install"), r.Transcript);
    }

    static int RunPython(string exe, string code)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60))) { p.Kill(true); Assert.Fail($"{exe} -c '{code}' hung"); }
        return p.ExitCode;
    }

    static bool KerasImports(string exe) => RunPython(exe, "import keras") == 0;

    [Test]
    public void Keras_missing_skips_the_keras_cases_with_the_pip_hint()
    {
        var python = CliPython.RequireNumpy();
        if (KerasImports(python.Executable)) Assert.Ignore($"keras is installed in {python.Executable}; this test needs it missing");
        using var tmp = new CliTempDir("py-nokeras");
        string keras = TestFiles.CopyTree(RepoPaths.KerasFixtures, tmp.Sub("keras"));
        var before = CliTestFiles.SnapshotTree(keras);
        int count = before.Count;

        CliResult r = CliRunner.Run(["regen", "--check", "--json", tmp.Sub("r.json"), keras], Env(("RNNPARITY_PYTHON", python.Executable)));
        TestContext.Out.WriteLine(r.Transcript);

        foreach (string name in before.Keys)
            Assert.That(r.Stdout, Does.Match($@"(?m)^SKIPPED\s+{name}\s+skipped: .*pip install keras"), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"0 checked, 0 drift, 0 errors, {count} skipped"), r.Transcript);
        using (var doc = JsonDocument.Parse(File.ReadAllText(tmp.Sub("r.json"))))
        {
            Assert.That(doc.RootElement.GetProperty("skipped").GetInt32(), Is.EqualTo(count));
            Assert.That(doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("status").GetString()), Is.All.EqualTo("skipped"));
        }
        // Nothing could be checked: not success, and no drift was seen: exit 2, as issue 4 specifies.
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("nothing was checked"), r.Transcript);
        Assert.That(CliTestFiles.SnapshotTree(keras).Keys, Is.EqualTo(before.Keys), "a --check run changed the tree");
    }

    [Test]
    public void Keras_missing_still_checks_the_numpy_cases()
    {
        var python = CliPython.RequireNumpy();
        if (KerasImports(python.Executable)) Assert.Ignore($"keras is installed in {python.Executable}");
        using var tmp = new CliTempDir("py-nokeras-all");
        string root = TestFiles.CopyTree(RepoPaths.Fixtures, tmp.Sub("fixtures"));
        int keras = Directory.GetDirectories(RepoPaths.KerasFixtures).Length, numpy = Directory.GetDirectories(RepoPaths.NumpyFixtures).Length;

        CliResult r = CliRunner.Run(["regen", "--check", root], Env(("RNNPARITY_PYTHON", python.Executable)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"regen --check: {numpy} checked, 0 drift, 0 errors, {keras} skipped"), r.Transcript);
        Assert.That(r.Stdout, Does.Match(@"(?m)^OK\s+numpy_lstm_last\s+matches"), r.Transcript);
    }

    /// <summary>A copy of the built python/ folder with one script replaced by a PythonFaults stand-in.</summary>
    static string FaultyScripts(CliTempDir tmp, string replace, string with)
    {
        string dir = TestFiles.CopyTree(CliRunner.BuiltPythonDirectory, tmp.Sub("python"));
        string fault = Path.Combine(CliRunner.OutputDirectory, "Cli", "PythonFaults", with);
        Assert.That(File.Exists(fault), Is.True, $"{fault} was not copied to the test output");
        File.Copy(fault, Path.Combine(dir, replace), overwrite: true);
        return dir;
    }

    [Test]
    public void A_raising_script_is_exit_4_with_the_python_traceback()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("py-raise");
        string scripts = FaultyScripts(tmp, "regen.py", "raising_regen.py");
        string cases = TestFiles.CopyTree(RepoPaths.NumpyFixtures, tmp.Sub("numpy"));

        CliResult r = CliRunner.Run(["regen", cases], Env(("RNNPARITY_PYTHON", python.Executable), ("RNNPARITY_PYTHON_DIR", scripts)));
        Assert.That(r.ExitCode, Is.EqualTo(4), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("Traceback (most recent call last):")
            .And.Contain($"File \"{Path.Combine(scripts, "regen.py")}\", line 5, in _inner")
            .And.Contain("in regen")
            .And.Contain("ValueError: boom"), r.Transcript);
    }

    [Test]
    public void A_script_failing_at_import_is_reported_with_its_traceback()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("py-raise-live");
        string scripts = FaultyScripts(tmp, "live_parity.py", "raising_live_parity.py");

        CliResult r = CliRunner.Run(["live"], Env(("RNNPARITY_PYTHON", python.Executable), ("RNNPARITY_PYTHON_DIR", scripts)));
        TestContext.Out.WriteLine(r.Transcript);
        Assert.That(r.ExitCode, Is.EqualTo(4), r.Transcript);
        Assert.That(r.Stdout + r.Stderr, Does.Contain("ValueError: boom at import")
            .And.Contain(Path.Combine(scripts, "live_parity.py")), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Match("(?m)^PASS"), r.Transcript);
        Assert.That(Regex.Matches(r.Stderr, "ValueError: boom at import").Count, Is.LessThanOrEqualTo(2), "the traceback is shown once, not per configuration");
    }

    [TestCase("sleeping_regen.py", TestName = "A_sleeping_script_times_out_with_exit_5_and_the_process_is_gone")]
    [TestCase("spinning_regen.py", TestName = "A_spinning_script_times_out_with_exit_5_and_the_process_is_gone")]
    public void A_hanging_script_times_out(string stand_in)
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("py-hang");
        string scripts = FaultyScripts(tmp, "regen.py", stand_in);
        string cases = TestFiles.CopyTree(RepoPaths.NumpyFixtures, tmp.Sub("numpy"));

        // The runner's own limit (30 s) kills the child and fails the test if --timeout does not work.
        CliResult r = CliRunner.Run(["regen", "--timeout", "3", cases],
            Env(("RNNPARITY_PYTHON", python.Executable), ("RNNPARITY_PYTHON_DIR", scripts)), TimeSpan.FromSeconds(30));
        Assert.That(r.ExitCode, Is.EqualTo(5), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("did not finish within 3 s"), r.Transcript);
        Assert.That(r.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(3)), "exit 5 before the 3 s were up");
        Assert.That(r.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));

        // Really gone: no process (not even a zombie child of ours) has the case folder on its command line.
        Assert.That(Directory.Exists($"/proc/{r.ProcessId}") && ReadCmdline(r.ProcessId).Contains(cases), Is.False, $"pid {r.ProcessId} is still there");
        Assert.That(ProcessesMentioning(cases), Is.Empty);
    }

    static string ReadCmdline(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    static List<int> ProcessesMentioning(string text) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : -1)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && ReadCmdline(pid).Contains(text))
            .ToList();
}
