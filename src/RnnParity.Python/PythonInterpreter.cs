namespace RnnParity.Python;

/// <summary>
/// One Python installation, as described by the interpreter itself (never guessed from paths):
/// what to put in <c>Runtime.PythonDLL</c> and <c>PythonEngine.ProgramName</c> so that the embedded
/// interpreter is the same one that was probed, with the same standard library and site-packages.
/// </summary>
/// <param name="Executable"><c>sys.executable</c>; becomes <c>PythonEngine.ProgramName</c>. Without it a
/// pyenv python earlier on PATH made Debian's libpython load the wrong standard library.</param>
/// <param name="Version"><c>sys.version_info</c> as <c>3.11.2</c>.</param>
/// <param name="LibraryPath">The shared libpython (<c>.so</c>) that belongs to <see cref="Executable"/>;
/// checked to exist. Resolved from <c>sysconfig</c> because pythonnet's own search misses Debian's
/// multiarch directory.</param>
/// <param name="Home"><c>sys.base_prefix</c>; informational (PythonHome is only set when overridden).</param>
/// <param name="Modules">The requested modules that import, mapped to their <c>__version__</c>
/// (<c>"unknown"</c> when a module has none).</param>
public sealed record PythonInterpreter(
    string Executable,
    string Version,
    string LibraryPath,
    string Home,
    IReadOnlyDictionary<string, string> Modules)
{
    /// <summary>e.g. <c>/usr/bin/python3 (3.11.2; numpy 1.24.2; /usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)</c>.</summary>
    public override string ToString()
    {
        string modules = string.Concat(Modules.Select(m => $"; {m.Key} {m.Value}"));
        return $"{Executable} ({Version}{modules}; {LibraryPath})";
    }

    /// <summary>Same installation: the identity that matters to an embedded runtime is the executable
    /// (standard library, site-packages) plus the library actually loaded.</summary>
    public bool IsSameInstallation(PythonInterpreter other) =>
        string.Equals(Executable, other.Executable, StringComparison.Ordinal) &&
        string.Equals(LibraryPath, other.LibraryPath, StringComparison.Ordinal);
}
