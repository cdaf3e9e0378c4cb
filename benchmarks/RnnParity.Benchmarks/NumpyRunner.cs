using System.Diagnostics;
using System.Text.Json;

namespace RnnParity.Benchmarks;

/// <summary>One way to run numpy: which BLAS the dynamic linker gives it, and OpenBLAS's kernel choice.</summary>
/// <param name="LibraryDir">put first on LD_LIBRARY_PATH so numpy's libblas.so.3 comes from there (the
/// Debian alternative is left alone); null keeps the system's choice.</param>
/// <param name="CoreType">OPENBLAS_CORETYPE, or null to unset it and let OpenBLAS detect the CPU.</param>
public sealed record NumpySetup(string Name, string? LibraryDir, string? CoreType, string Description);

public sealed record NumpyTiming(string Layer, string Size, string Impl, double Seconds);

public sealed record NumpyRun(NumpySetup Setup, string Blas, double[] Load, IReadOnlyList<NumpyTiming> Timings, string RawJson);

/// <summary>
/// Runs python/bench_numpy.py in a child process (outside pythonnet, so numpy pays no bridge
/// cost) and reads its --json output.
/// </summary>
public static class NumpyRunner
{
    const string MultiArch = "/usr/lib/x86_64-linux-gnu";

    /// <summary>The setups that exist on this machine, slowest first.</summary>
    public static IEnumerable<NumpySetup> AvailableSetups()
    {
        if (File.Exists($"{MultiArch}/blas/libblas.so.3"))
            yield return new("refblas", $"{MultiArch}/blas", null, "Debian libblas3 (Netlib reference BLAS)");
        if (File.Exists($"{MultiArch}/openblas-pthread/libblas.so.3"))
        {
            yield return new("openblas", $"{MultiArch}/openblas-pthread", null, "OpenBLAS pthreads, kernel auto-detected (OPENBLAS_CORETYPE unset)");
            yield return new("openblas-skx", $"{MultiArch}/openblas-pthread", "SkylakeX", "OpenBLAS pthreads, OPENBLAS_CORETYPE=SkylakeX (AVX-512 kernels)");
        }
    }

    public static NumpyRun Run(string python, string script, NumpySetup setup, string sizes, double budget, int repeat)
    {
        string stdout = RunScript(python, setup, [script, "--json", "--sizes", sizes, "--budget", budget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--repeat", repeat.ToString()]);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        var timings = root.GetProperty("results").EnumerateArray().Select(r => new NumpyTiming(
            r.GetProperty("layer").GetString()!, r.GetProperty("size").GetString()!, r.GetProperty("impl").GetString()!,
            r.GetProperty("seconds").GetDouble())).ToList();
        string blas = root.GetProperty("blas").GetProperty("blas").GetString() ?? "?";
        double[] load = root.GetProperty("load").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return new NumpyRun(setup, blas, load, timings, stdout);
    }

    /// <summary>Runs <c>python args…</c> under <paramref name="setup"/>'s BLAS and returns its standard output.</summary>
    /// <param name="timeout">the child is killed after this long (null: no limit).</param>
    public static string RunScript(string python, NumpySetup setup, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        // Only this child's environment: the caller's OPENBLAS_* settings are not inherited.
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        if (setup.CoreType is not null) psi.Environment["OPENBLAS_CORETYPE"] = setup.CoreType;
        if (setup.LibraryDir is not null)
        {
            string? old = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            psi.Environment["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(old) ? setup.LibraryDir : $"{setup.LibraryDir}:{old}";
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {python}");
        Task<string> err = p.StandardError.ReadToEndAsync();
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new ChildTimeoutException($"{python} {psi.ArgumentList[0]} ({setup.Name}) took more than {timeout!.Value.TotalSeconds:F0} s and was stopped", output.Result);
        }
        p.WaitForExit();
        string stdout = output.Result;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{python} {string.Join(' ', psi.ArgumentList.Take(1))} ({setup.Name}) exited {p.ExitCode}:\n{err.Result}");
        return stdout;
    }
}

/// <summary>A child process stopped at its time limit; <see cref="PartialOutput"/> is what it printed before.</summary>
public sealed class ChildTimeoutException(string message, string partialOutput) : TimeoutException(message)
{
    public string PartialOutput { get; } = partialOutput;
}
