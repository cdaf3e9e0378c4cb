using System.Diagnostics;

namespace RnnParity.Tests.Cli.Scripts;

/// <summary><c>scripts/verify</c> stops at a usage error of <c>rnnparity verify</c> instead of burying it under the live run.</summary>
[TestFixture, Category("LiveNumPy")]
public sealed class VerifyScriptTests
{
    [Test]
    public void A_path_that_does_not_exist_stops_the_script_after_the_usage_error()
    {
        // A Python with numpy: without the stop, the live parity would run after the error and print its PASS lines.
        var python = CliPython.RequireNumpy();
        string script = Path.Combine(RepoPaths.Root, "scripts", "verify");
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("nosuch");
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("RNNPARITY_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["RNNPARITY_PYTHON"] = python.Executable;
        psi.Environment["RNNPARITY_CLI_DLL"] = CliRunner.CliDll;

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("scripts/verify nosuch did not finish within 120 s");
        }
        process.WaitForExit();
        string transcript = $"exit {process.ExitCode}\n--- stdout ---\n{stdout.Result}--- stderr ---\n{stderr.Result}";

        Assert.That(process.ExitCode, Is.EqualTo(2), transcript);
        Assert.That(stderr.Result, Does.Contain("'nosuch': no such file or directory"), transcript);
        Assert.That(stdout.Result, Does.Not.Contain("PASS").And.Not.Contain("live:"), transcript);
        string lastLine = stderr.Result.TrimEnd().Split('\n')[^1];
        Assert.That(lastLine, Does.StartWith("scripts/verify: stopped"), transcript);
    }
}
