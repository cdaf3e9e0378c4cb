namespace RnnParity.Python;

/// <summary>
/// Chooses the Python interpreter to embed. Asking for "python3" is not enough: on a typical dev box
/// the first python3 on PATH (pyenv) lacks numpy while Debian's /usr/bin/python3 has it, and a bridge
/// that took the first would skip every live test while CI stayed green. So the locator probes
/// candidates and takes the first that imports every required module and has a loadable libpython.
/// </summary>
/// <remarks>
/// Order: the explicit choice (a CLI <c>--python</c> option) if given, else <c>RNNPARITY_PYTHON</c>
/// (path or command name) if set — an explicit choice is never silently replaced by another;
/// otherwise <c>python3</c> on PATH, <c>/usr/bin/python3</c>, <c>/usr/local/bin/python3</c>,
/// <c>python</c> on PATH, skipping duplicates by real path.
/// <c>RNNPARITY_PYTHON_LIB</c>, when set, replaces the libpython resolved from sysconfig.
/// </remarks>
public static class PythonLocator
{
    /// <summary>Environment variable naming the interpreter (path or command name).</summary>
    public const string InterpreterVariable = "RNNPARITY_PYTHON";

    /// <summary>Environment variable naming the libpython shared library, overriding sysconfig.</summary>
    public const string LibraryVariable = "RNNPARITY_PYTHON_LIB";

    /// <summary>Searched in order when no explicit choice is made.</summary>
    public static IReadOnlyList<string> DefaultCandidates { get; } =
        ["python3", "/usr/bin/python3", "/usr/local/bin/python3", "python"];

    /// <summary>How long one probe may take. 10 s covers numpy easily; importing a TensorFlow-backed
    /// keras can take longer on a cold cache, so it is settable.</summary>
    public static TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Finds an interpreter that imports all <paramref name="requiredModules"/>.</summary>
    /// <param name="requiredModules">Module names to import, e.g. <c>["numpy"]</c> or <c>["keras", "numpy"]</c>.</param>
    /// <param name="explicitInterpreter">From a CLI option such as <c>--python</c>; wins over the environment.</param>
    /// <returns>The chosen interpreter and why earlier candidates were rejected.</returns>
    /// <exception cref="PythonUnavailableException">No candidate fits; the message lists each candidate,
    /// what it lacked, and how to fix it.</exception>
    public static PythonLocation Locate(IReadOnlyList<string> requiredModules, string? explicitInterpreter = null) =>
        Locate(requiredModules, explicitInterpreter, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Locate(IReadOnlyList{string}, string?)"/> with the environment injected, so
    /// tests need not mutate the (shared, parallel) process environment.</summary>
    internal static PythonLocation Locate(IReadOnlyList<string> requiredModules, string? explicitInterpreter, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(requiredModules);
        var (commands, source) = Candidates(explicitInterpreter, environment);
        string? libraryOverride = NullIfEmpty(environment(LibraryVariable));

        var tried = new List<PythonCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string command in commands)
        {
            string? path = ExecutablePath.Resolve(command, environment);
            if (path is null)
            {
                string why = command.Contains('/') ? "no such file" : "not found on PATH";
                tried.Add(new PythonCandidate(command, null, null, PythonProblem.NotFound, why));
                continue;
            }
            if (!seen.Add(ExecutablePath.RealPath(path))) continue; // same interpreter as an earlier candidate

            var candidate = Examine(command, path, requiredModules, libraryOverride);
            tried.Add(candidate);
            if (candidate.Interpreter is { } chosen)
                return new PythonLocation(chosen, source, tried);
        }
        throw Unavailable(requiredModules, source, tried);
    }

    /// <summary>The commands to try and where they came from (<c>--python</c>, the variable, or <c>search</c>).</summary>
    internal static (IReadOnlyList<string> Commands, string Source) Candidates(string? explicitInterpreter, Func<string, string?> environment)
    {
        if (NullIfEmpty(explicitInterpreter) is { } cli) return ([cli], "--python");
        if (NullIfEmpty(environment(InterpreterVariable)) is { } env) return ([env], InterpreterVariable);
        return (DefaultCandidates, "search");
    }

    static PythonCandidate Examine(string command, string path, IReadOnlyList<string> requiredModules, string? libraryOverride)
    {
        var (answer, error) = PythonProbe.Run(path, requiredModules, ProbeTimeout);
        if (answer is null)
            return new PythonCandidate(command, path, null, PythonProblem.NotFound, error ?? "did not run");

        var problems = new List<string>();
        foreach (string module in requiredModules)
        {
            if (answer.Modules.TryGetValue(module, out var m) && m.Ok) continue;
            string? err = m.Error;
            problems.Add(err is null || err.StartsWith("ModuleNotFoundError", StringComparison.Ordinal)
                ? $"no module named {module}"
                : $"{module} does not import ({err})");
        }
        bool modulesOk = problems.Count == 0;

        string? library;
        if (libraryOverride is not null)
        {
            library = File.Exists(libraryOverride) ? Path.GetFullPath(libraryOverride) : null;
            if (library is null) problems.Add($"{LibraryVariable}={libraryOverride} does not exist");
        }
        else
        {
            library = PythonProbe.ResolveLibrary(answer, File.Exists, out var looked);
            if (library is null)
                problems.Add(looked.Count == 0
                    ? "no shared libpython (sysconfig names none; static build?)"
                    : $"no shared libpython (looked for {string.Join(", ", looked)})");
        }

        if (problems.Count > 0)
            return new PythonCandidate(command, path, answer.Version,
                modulesOk ? PythonProblem.LibraryNotFound : PythonProblem.ModuleMissing, string.Join("; ", problems));

        var modules = requiredModules.Distinct(StringComparer.Ordinal)
            .ToDictionary(m => m, m => answer.Modules[m].Version ?? "unknown", StringComparer.Ordinal);
        var interpreter = new PythonInterpreter(answer.Executable, answer.Version, library!, answer.BasePrefix, modules);
        return new PythonCandidate(command, path, answer.Version, PythonProblem.None, "", interpreter);
    }

    static PythonUnavailableException Unavailable(IReadOnlyList<string> requiredModules, string source, List<PythonCandidate> tried)
    {
        PythonProblem overall =
            tried.All(c => c.Problem == PythonProblem.NotFound) ? PythonProblem.NotFound
            : tried.Any(c => c.Problem == PythonProblem.LibraryNotFound) ? PythonProblem.LibraryNotFound
            : PythonProblem.ModuleMissing;

        string wanted = requiredModules.Count == 0 ? "" : " with " + string.Join(", ", requiredModules);
        var lines = new List<string>();
        lines.Add(overall switch
        {
            PythonProblem.NotFound when source != "search" => $"The Python interpreter chosen by {source} could not be run.",
            PythonProblem.NotFound => "No Python interpreter found.",
            PythonProblem.LibraryNotFound => $"No Python interpreter{wanted} has a shared libpython to embed.",
            _ => $"No Python interpreter{wanted} found.",
        });
        lines.Add(source == "search" ? "Tried:" : $"Tried (chosen by {source}):");
        lines.AddRange(tried.Select(c => "  " + c));
        lines.Add("To fix:");

        string libVersion = tried.FirstOrDefault(c => c.Problem == PythonProblem.LibraryNotFound)?.Version is { } v
            ? string.Join('.', v.Split('.').Take(2)) : "3.11";
        var packages = new List<string> { "python3" };
        if (requiredModules.Contains("numpy")) packages.Add("python3-numpy");
        packages.Add($"libpython{libVersion}");
        lines.Add($"  Debian/Ubuntu: apt-get install -y {string.Join(' ', packages)}");
        if (requiredModules.Contains("numpy"))
            lines.Add("  or, for an interpreter of your own (pyenv, venv): pip install numpy, and a libpython it was built with (--enable-shared).");
        if (overall == PythonProblem.LibraryNotFound)
            lines.Add($"  or point {LibraryVariable} at the interpreter's libpython .so (a python built with --enable-shared).");
        lines.Add($"  or set {InterpreterVariable} (or --python) to an interpreter{wanted}.");
        if (requiredModules.Any(m => m.StartsWith("keras", StringComparison.Ordinal)))
            lines.Add($"  for keras, a virtual environment (a system Python may refuse pip, PEP 668): python3 -m venv ~/.venvs/keras && ~/.venvs/keras/bin/pip install keras numpy, then {InterpreterVariable}=~/.venvs/keras/bin/python; RnnParity runs it on the numpy backend (KERAS_BACKEND), so no TensorFlow is needed.");
        return new PythonUnavailableException(overall, tried, string.Join(Environment.NewLine, lines));
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
