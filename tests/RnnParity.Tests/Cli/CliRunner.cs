using System.Diagnostics;
using System.Text;

namespace RnnParity.Tests.Cli;

/// <summary>What one finished run of the CLI left behind.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, int ProcessId, string CommandLine)
{
    /// <summary>Everything the run printed, for assertion messages.</summary>
    public string Transcript =>
        $"$ {CommandLine}{Environment.NewLine}exit {ExitCode} after {Elapsed.TotalSeconds:0.00} s{Environment.NewLine}" +
        $"--- stdout ---{Environment.NewLine}{Stdout}--- stderr ---{Environment.NewLine}{Stderr}";

    public override string ToString() => Transcript;
}

/// <summary>
/// Runs the built CLI (<c>rnnparity.dll</c>, copied into the test output because the test project
/// references the CLI project) as a child process: <c>dotnet rnnparity.dll ARGS</c>. Every run has a
/// hard time limit; a child that outlives it is killed with its whole process tree and the test fails
/// with what it printed so far. The child's environment starts from this process's, minus every
/// <c>RNNPARITY_*</c> variable (so a developer's settings cannot change a test), plus what the test gives.
/// </summary>
public static class CliRunner
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(120);

    public static string OutputDirectory => TestContext.CurrentContext.TestDirectory;

    public static string CliDll => Path.Combine(OutputDirectory, "rnnparity.dll");

    /// <summary>The <c>python/</c> scripts folder the build copied next to the CLI.</summary>
    public static string BuiltPythonDirectory => Path.Combine(OutputDirectory, "python");

    /// <summary>Runs to the end; a hang past <paramref name="limit"/> kills the child and fails the test.</summary>
    public static CliResult Run(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null,
        TimeSpan? limit = null, string? workingDirectory = null)
    {
        using var child = Start(args, env, workingDirectory);
        return child.WaitOrFail(limit ?? DefaultLimit);
    }

    public static CliResult Run(params string[] args) => Run(args, null);

    /// <summary>Starts the CLI and returns at once (for tests that kill it).</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        Assert.That(File.Exists(CliDll), Is.True, $"the CLI is not in the test output: {CliDll}");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? OutputDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(CliDll);
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("RNNPARITY_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        if (env is not null)
            foreach (var (key, value) in env)
            {
                if (value is null) psi.Environment.Remove(key);
                else psi.Environment[key] = value;
            }
        return new CliProcess(psi);
    }
}

/// <summary>A running CLI child whose output is collected in the background.</summary>
public sealed class CliProcess : IDisposable
{
    readonly Process _process;
    readonly StringBuilder _stdout = new(), _stderr = new();
    readonly Stopwatch _clock;
    readonly string _commandLine;

    internal CliProcess(ProcessStartInfo psi)
    {
        _commandLine = string.Join(' ', new[] { psi.FileName }.Concat(psi.ArgumentList).Select(a => a.Contains(' ') ? $"'{a}'" : a));
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.Append(e.Data).Append('\n'); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
        _clock = Stopwatch.StartNew();
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Id = _process.Id;
    }

    public int Id { get; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public string StderrSoFar { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits for the end; past <paramref name="limit"/> kills the tree and fails the test.</summary>
    public CliResult WaitOrFail(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            KillTree();
            Assert.Fail($"rnnparity did not finish within {limit.TotalSeconds:0} s and was killed.{Environment.NewLine}{Result(-1).Transcript}");
        }
        _process.WaitForExit(); // flushes the asynchronous stdout/stderr readers
        return Result(_process.ExitCode);
    }

    /// <summary>SIGKILL to the child and its descendants (Process.Kill(entireProcessTree: true) on Linux), then waits for it.</summary>
    public CliResult KillTree()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already gone
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            Assert.Fail($"rnnparity (pid {Id}) survived SIGKILL for 30 s");
        _process.WaitForExit();
        return Result(_process.ExitCode);
    }

    CliResult Result(int exit)
    {
        string o, e;
        lock (_stdout) o = _stdout.ToString();
        lock (_stderr) e = _stderr.ToString();
        return new CliResult(exit, o, e, _clock.Elapsed, Id, _commandLine);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
