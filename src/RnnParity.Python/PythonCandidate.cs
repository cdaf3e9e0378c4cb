namespace RnnParity.Python;

/// <summary>
/// One interpreter the locator tried and what it found, so a user can see why e.g. the pyenv python
/// first on PATH was passed over: <c>/root/.pyenv/shims/python3 (3.11.7): no module named numpy</c>.
/// </summary>
/// <param name="Command">As given: a command name (<c>python3</c>) or a path.</param>
/// <param name="ResolvedPath">The file that was run, or null when none was found.</param>
/// <param name="Version">The interpreter's version when it ran, else null.</param>
/// <param name="Problem">Why it was rejected; <see cref="PythonProblem.None"/> for the chosen one.</param>
/// <param name="Detail">Human-readable reason (empty when it fits).</param>
/// <param name="Interpreter">The full description when the candidate fits.</param>
public sealed record PythonCandidate(
    string Command,
    string? ResolvedPath,
    string? Version,
    PythonProblem Problem,
    string Detail,
    PythonInterpreter? Interpreter = null)
{
    public override string ToString()
    {
        string where = ResolvedPath is null || ResolvedPath == Command ? Command : $"{Command} -> {ResolvedPath}";
        string version = Version is null ? "" : $" ({Version})";
        return Problem == PythonProblem.None ? $"{where}{version}: ok" : $"{where}{version}: {Detail}";
    }
}
