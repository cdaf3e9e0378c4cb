namespace RnnParity.Fixtures.Verification;

/// <summary>
/// One fixture case as a test framework sees it (RnnParity.NUnit, RnnParity.Xunit): its name relative to the
/// folder searched, its directory, and, for a folder that yields no verifiable case, the reason the test fails.
/// </summary>
/// <param name="Name">The case's path relative to the folder given to <see cref="FixtureCaseList.In"/>, with '/'.</param>
/// <param name="Directory">Full path of the case directory (or of the searched folder when <paramref name="Problem"/> is set).</param>
/// <param name="Problem">Why there is nothing to verify (no such folder, no case, an interrupted regeneration); null for a case.</param>
public sealed record FixtureCaseEntry(string Name, string Directory, string? Problem = null)
{
    public override string ToString() => Name;
}
