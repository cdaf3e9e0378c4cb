namespace RnnParity.Fixtures.Verification;

/// <summary>A folder a regeneration left behind when it was killed while swapping a case in.</summary>
/// <param name="CaseName">The case it belongs to.</param>
/// <param name="CaseMissing">The case directory itself is gone: the committed case sits in <paramref name="Path"/>.</param>
public sealed record InterruptedSwap(string Path, string CaseName, bool CaseMissing)
{
    public string Describe() => CaseMissing
        ? $"case '{CaseName}': interrupted swap: the case directory is missing and the committed case is set aside in {Path}; run 'rnnparity regen' to restore it"
        : $"case '{CaseName}': interrupted swap: {Path} was left behind; run 'rnnparity regen' to clean it up";
}

/// <summary>
/// Finds <c>.rnnparity-tmp-{old,new}-CASE-*</c> folders (python/fixture_writer.py's swap) under the
/// paths given to verify, so that a case set aside by a killed regeneration is reported instead of
/// silently not being verified.
/// </summary>
public static class InterruptedSwaps
{
    const string Prefix = ".rnnparity-tmp-";

    public static IReadOnlyList<InterruptedSwap> Find(IEnumerable<string> paths)
    {
        var found = new SortedDictionary<string, InterruptedSwap>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            if (!Directory.Exists(path)) continue;
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (string dir in Directory.EnumerateDirectories(path, Prefix + "*", options))
                if (Parse(dir) is { } swap) found[swap.Path] = swap;
        }
        return found.Values.ToList();
    }

    static InterruptedSwap? Parse(string dir)
    {
        string name = System.IO.Path.GetFileName(dir);
        string rest = name[Prefix.Length..];
        bool old = rest.StartsWith("old-", StringComparison.Ordinal);
        if (!old && !rest.StartsWith("new-", StringComparison.Ordinal)) return null;
        rest = rest[4..];
        int dash = rest.LastIndexOf('-');
        if (dash <= 0) return null;
        string caseName = rest[..dash];
        string parent = System.IO.Path.GetDirectoryName(dir)!;
        bool missing = !File.Exists(System.IO.Path.Combine(parent, caseName, "case.json"));
        // A leftover "new" copy beside an intact case is debris; an "old" copy without its case is a lost case.
        return new InterruptedSwap(dir, caseName, old && missing);
    }
}
