namespace RnnParity.Python;

/// <summary>
/// The locator's answer: which interpreter was chosen, where the choice came from, and why earlier
/// candidates were rejected — worth printing, because a silently different python is how a NumPy leg dies.
/// </summary>
/// <param name="Chosen">The interpreter to embed.</param>
/// <param name="Source">Where the choice came from: <c>--python</c>, <c>RNNPARITY_PYTHON</c> or <c>search</c>.</param>
/// <param name="Candidates">Every candidate tried, in order, the chosen one last.</param>
public sealed record PythonLocation(
    PythonInterpreter Chosen,
    string Source,
    IReadOnlyList<PythonCandidate> Candidates)
{
    /// <summary>The candidates that were passed over before the chosen one.</summary>
    public IEnumerable<PythonCandidate> Rejected => Candidates.Where(c => c.Problem != PythonProblem.None);

    /// <summary>Multi-line explanation: chosen interpreter, then one line per rejected candidate.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"python: {Chosen} (chosen by {Source})" };
        lines.AddRange(Rejected.Select(c => $"  rejected {c}"));
        return string.Join(Environment.NewLine, lines);
    }

    public override string ToString() => Describe();
}
