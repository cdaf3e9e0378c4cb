namespace RnnParity.NUnit;

/// <summary>
/// One fixture case as a test argument: its name relative to the folder searched (what NUnit shows),
/// its directory, and, for a folder that yields no verifiable case, the reason the test fails.
/// </summary>
/// <param name="Name">The case's path relative to the folder given to <see cref="FixtureCases.In"/>, with '/'.</param>
/// <param name="Directory">Full path of the case directory (or of the searched folder when <paramref name="Problem"/> is set).</param>
/// <param name="Problem">Why there is nothing to verify (no such folder, no case, an interrupted regeneration); null for a case.</param>
public sealed record FixtureCaseRef(string Name, string Directory, string? Problem = null)
{
    /// <summary>Verifies this case; see <see cref="FixtureCases.Verify(FixtureCaseRef)"/>.</summary>
    public void Verify() => FixtureCases.Verify(this);

    public override string ToString() => Name;
}
