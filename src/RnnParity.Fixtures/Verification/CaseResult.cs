using RnnParity.Fixtures.Format;

namespace RnnParity.Fixtures.Verification;

/// <summary>One compared output of one run.</summary>
public sealed record OutputCheck(int Run, int Output, string Name, ComparisonResult Comparison);

/// <summary>
/// The verdict on one case: passed only when it was read, built, and every check held.
/// <see cref="Failures"/> lists every failed check, so one run shows all that is wrong.
/// </summary>
public sealed record CaseResult(
    string Name,
    string Path,
    bool Passed,
    double MaxAbsError,
    IReadOnlyList<string> Failures,
    IReadOnlyList<OutputCheck> Outputs)
{
    /// <summary>Things worth knowing that are no failure (an input Keras would cast, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The case itself could not be read (its case.json or a file it names), so nothing was compared.</summary>
    public bool Unreadable { get; init; }

    /// <summary>All failures in one line, or null when the case passed.</summary>
    public string? Error => Passed ? null : string.Join("; ", Failures);
}
