using System.Diagnostics;
using System.Text.Json;

namespace RnnParity.Python;

/// <summary>
/// Asks one interpreter about itself in a child process (one <c>-c</c> script printing JSON):
/// <c>sys.executable</c>, version, <c>sysconfig</c>'s library variables and which modules import.
/// A child process, because embedding is once per process and cannot be undone: we must know an
/// interpreter fits before loading it.
/// </summary>
internal static class PythonProbe
{
    const string Marker = "RNNPARITY_PROBE ";

    // Module names arrive as argv, never spliced into the source. Output goes after a marker because
    // importing some modules (TensorFlow) prints to stdout.
    const string Script = """
        import sys, sysconfig, json, importlib
        cv = sysconfig.get_config_var
        out = {"executable": sys.executable, "version": "%d.%d.%d" % tuple(sys.version_info[:3]),
               "base_prefix": sys.base_prefix, "libdir": cv("LIBDIR"), "multiarch": cv("MULTIARCH"),
               "instsoname": cv("INSTSONAME"), "ldlibrary": cv("LDLIBRARY"), "modules": {}}
        for name in sys.argv[1:]:
            try:
                m = importlib.import_module(name)
                v = getattr(m, "__version__", None)
                out["modules"][name] = {"ok": True, "version": None if v is None else str(v)}
            except BaseException as e:
                out["modules"][name] = {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write("RNNPARITY_PROBE " + json.dumps(out) + "\n")
        """;

    /// <summary>Raw answer of one interpreter.</summary>
    internal sealed record Answer(
        string Executable, string Version, string BasePrefix,
        string? LibDir, string? MultiArch, string? InstSoName, string? LdLibrary,
        IReadOnlyDictionary<string, (bool Ok, string? Version, string? Error)> Modules);

    /// <summary>Runs <paramref name="executable"/>; returns its answer or the reason it gave none.</summary>
    internal static (Answer? Answer, string? Error) Run(string executable, IReadOnlyList<string> modules, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        foreach (string m in modules) psi.ArgumentList.Add(m);
        // A stray PYTHONHOME/PYTHONPATH meant for another python would break the probe the same way it
        // would break the embedded runtime; keep them, so the probe sees what embedding will see.

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"could not start: {e.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return (null, $"did not answer within {timeout.TotalSeconds:0} s");
            }
            process.WaitForExit(); // drains the redirected streams
            string output = stdout.Result;
            string? line = output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
            if (line is null)
            {
                string err = stderr.Result.Trim();
                if (err.Length > 300) err = "..." + err[^300..];
                return (null, $"probe failed (exit code {process.ExitCode}){(err.Length > 0 ? ": " + err : "")}");
            }
            try
            {
                return (Parse(line[Marker.Length..]), null);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return (null, $"unreadable probe answer: {e.Message}");
            }
        }
    }

    internal static Answer Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var modules = new Dictionary<string, (bool, string?, string?)>(StringComparer.Ordinal);
        foreach (var m in root.GetProperty("modules").EnumerateObject())
            modules[m.Name] = (m.Value.GetProperty("ok").GetBoolean(), Str(m.Value, "version"), Str(m.Value, "error"));

        return new Answer(
            Str(root, "executable") ?? "", Str(root, "version") ?? "?", Str(root, "base_prefix") ?? "",
            Str(root, "libdir"), Str(root, "multiarch"), Str(root, "instsoname"), Str(root, "ldlibrary"),
            modules);
    }

    /// <summary>
    /// The shared libpython of an interpreter, from its own <c>sysconfig</c>: LIBDIR/MULTIARCH/INSTSONAME
    /// (Debian: <c>/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0</c>), then LIBDIR/INSTSONAME,
    /// then LIBDIR/LDLIBRARY. Static archives (<c>.a</c>) cannot be loaded and are skipped.
    /// </summary>
    /// <returns>The first that exists, or null; <paramref name="tried"/> lists what was looked at.</returns>
    internal static string? ResolveLibrary(Answer a, Func<string, bool> exists, out IReadOnlyList<string> tried)
    {
        var paths = new List<string>();
        if (!string.IsNullOrEmpty(a.LibDir))
        {
            if (!string.IsNullOrEmpty(a.MultiArch) && !string.IsNullOrEmpty(a.InstSoName))
                paths.Add(Path.Combine(a.LibDir, a.MultiArch, a.InstSoName));
            if (!string.IsNullOrEmpty(a.InstSoName))
                paths.Add(Path.Combine(a.LibDir, a.InstSoName));
            if (!string.IsNullOrEmpty(a.LdLibrary))
                paths.Add(Path.Combine(a.LibDir, a.LdLibrary));
        }
        tried = paths.Distinct(StringComparer.Ordinal).ToList();
        return tried.FirstOrDefault(p => !p.EndsWith(".a", StringComparison.Ordinal) && exists(p));
    }
}
