using System.IO.Compression;
using System.Text;
using RnnParity.Python;

namespace RnnParity.Tests.Cli;

/// <summary>
/// A <c>keras</c> package put first on the child's PYTHONPATH: one that fails to import (so the "keras is
/// missing" path runs on every machine, Keras or not), or a stand-in whose <c>saving.load_model</c> raises
/// what Keras raises, so the CLI's mapping of capture's refusals to exit codes is tested without Keras.
/// </summary>
public static class KerasStandIns
{
    /// <summary>A folder for PYTHONPATH whose <c>keras</c> raises ImportError on import.</summary>
    public static string Hidden(CliTempDir tmp) => Package(tmp, "hidden", "raise ImportError('keras hidden by the test')\n");

    /// <summary>A folder for PYTHONPATH whose <c>keras</c> imports and whose load_model raises <paramref name="error"/>.</summary>
    public static string LoadRaises(CliTempDir tmp, string error) => Package(tmp, "raising", $$"""
        import types
        __version__ = "0-stand-in"

        def _load_model(path, safe_mode=True, compile=True, custom_objects=None):
            raise ValueError({{PythonString(error)}})

        saving = types.SimpleNamespace(load_model=_load_model)
        utils = types.SimpleNamespace(clear_session=lambda: None)
        """);

    static string Package(CliTempDir tmp, string label, string init)
    {
        string root = tmp.Sub($"pythonpath-{label}");
        Directory.CreateDirectory(Path.Combine(root, "keras"));
        File.WriteAllText(Path.Combine(root, "keras", "__init__.py"), init);
        return root;
    }

    static string PythonString(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    /// <summary>A minimal <c>.keras</c> zip holding <paramref name="configJson"/> as config.json.</summary>
    public static string KerasZip(string path, string configJson)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in new[] { ("config.json", configJson), ("metadata.json", "{\"keras_version\": \"3.15.1\"}") })
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        return path;
    }

    /// <summary>The environment for a child CLI: the numpy interpreter, and the given PYTHONPATH first.</summary>
    public static Dictionary<string, string?> Env(PythonInterpreter python, string pythonPath) => new()
    {
        ["RNNPARITY_PYTHON"] = python.Executable,
        ["PYTHONPATH"] = pythonPath,
        ["KERAS_BACKEND"] = null,
    };
}

/// <summary>Whether a Python with numpy and keras exists here (the round trips need one).</summary>
public static class CliKeras
{
    static readonly Lazy<(PythonLocation? Location, string? Why)> s_keras = new(() =>
    {
        string? old = Environment.GetEnvironmentVariable("KERAS_BACKEND");
        if (string.IsNullOrEmpty(old)) Environment.SetEnvironmentVariable("KERAS_BACKEND", "numpy");
        try { return (PythonLocator.Locate(["numpy", "keras"]), null); }
        catch (PythonUnavailableException e) { return (null, e.Message); }
        finally { Environment.SetEnvironmentVariable("KERAS_BACKEND", old); }
    });

    /// <summary>The interpreter with keras, or the test is Inconclusive saying keras does not import.</summary>
    public static PythonInterpreter Require()
    {
        if (s_keras.Value.Location is { } location) return location.Chosen;
        Assert.Inconclusive($"keras does not import in any Python here, so the Keras path cannot run (it runs where keras imports):{Environment.NewLine}{s_keras.Value.Why}");
        throw new InvalidOperationException("unreachable");
    }
}
