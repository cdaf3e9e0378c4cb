namespace RnnParity.Python;

/// <summary>
/// No usable interpreter: thrown by <see cref="PythonLocator.Locate(IReadOnlyList{string}, string)"/> with every candidate tried,
/// what each lacked, and what to do about it, so the message alone is enough to fix the machine.
/// </summary>
public sealed class PythonUnavailableException : Exception
{
    public PythonUnavailableException(PythonProblem problem, IReadOnlyList<PythonCandidate> candidates, string message)
        : base(message)
    {
        Problem = problem;
        Candidates = candidates;
    }

    /// <summary>The overall problem: <see cref="PythonProblem.NotFound"/> when no candidate ran at all,
    /// <see cref="PythonProblem.LibraryNotFound"/> when one had every module but no libpython,
    /// otherwise <see cref="PythonProblem.ModuleMissing"/>.</summary>
    public PythonProblem Problem { get; }

    /// <summary>Every candidate tried, in order.</summary>
    public IReadOnlyList<PythonCandidate> Candidates { get; }
}
