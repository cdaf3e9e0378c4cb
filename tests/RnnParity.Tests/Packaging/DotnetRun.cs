using System.Diagnostics;
using System.Text;

namespace RnnParity.Tests.Packaging;

/// <summary>Runs a process (dotnet, or a program it built) with a clean RNNPARITY_ environment and a time limit.</summary>
public static class DotnetRun
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Exit code and the combined output, headed by the command line; <paramref name="mustSucceed"/> fails the test on a non-zero exit.</summary>
    public static (int Exit, string Output) Run(string file, IEnumerable<string> args, string cwd, IReadOnlyDictionary<string, string?> env, bool mustSucceed = true, TimeSpan? limit = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = cwd };
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("RNNPARITY_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        foreach (var (key, value) in env) psi.Environment[key] = value;
        var output = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        TimeSpan wait = limit ?? Limit;
        if (!p.WaitForExit(wait))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', psi.ArgumentList)} did not finish in {wait.TotalMinutes} min:\n{output}");
        }
        p.WaitForExit();
        if (mustSucceed)
            Assert.That(p.ExitCode, Is.EqualTo(0), $"$ {file} {string.Join(' ', psi.ArgumentList)}\nexit {p.ExitCode}\n{output}");
        return (p.ExitCode, output.ToString());
    }
}
