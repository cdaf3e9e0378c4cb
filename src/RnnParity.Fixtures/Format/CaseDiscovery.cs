namespace RnnParity.Fixtures.Format;

/// <summary>Finds the case directories under the paths a user gives <c>rnnparity verify</c>.</summary>
public static class CaseDiscovery
{
    static readonly EnumerationOptions SubdirectoryOptions = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        // Hidden (dot) directories such as .git are skipped; so are symbolic links to directories,
        // which keeps the walk inside the root and free of cycles.
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Each path that holds <c>case.json</c> (or is a <c>case.json</c> file) is a case; any other
    /// directory is searched recursively for directories holding <c>case.json</c>, without
    /// descending into a case directory, into hidden directories or through directory symbolic
    /// links. Returns full paths, distinct, sorted ordinally.
    /// </summary>
    /// <exception cref="CasePathException">A path does not exist, is a file other than
    /// <c>case.json</c>, or holds no case; lists every such path at once.</exception>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var bad = new List<string>();
        var reasons = new List<string>();
        void Bad(string p, string why)
        {
            bad.Add(p);
            reasons.Add($"'{p}': {why}");
        }

        foreach (string p in paths)
        {
            if (string.IsNullOrWhiteSpace(p))
            {
                Bad(p ?? "", "empty path");
                continue;
            }
            string full;
            try
            {
                full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                Bad(p, $"invalid path ({e.Message})");
                continue;
            }
            if (File.Exists(full))
            {
                if (Path.GetFileName(full) == CaseReader.CaseFileName) found.Add(Path.GetDirectoryName(full)!);
                else Bad(p, $"is a file; expected a case directory, a folder of cases or a {CaseReader.CaseFileName}");
                continue;
            }
            if (!Directory.Exists(full))
            {
                Bad(p, "no such file or directory");
                continue;
            }
            int before = found.Count;
            if (IsCase(full)) found.Add(full);
            else Walk(full, found);
            if (found.Count == before && !IsCase(full) && !found.Any(f => IsUnder(f, full)))
                Bad(p, $"holds no case (no directory below it has a {CaseReader.CaseFileName})");
        }
        if (bad.Count > 0)
            throw new CasePathException(bad, (bad.Count == 1 ? "bad case path " : "bad case paths ") + string.Join("; ", reasons));
        return found.ToList();
    }

    static bool IsCase(string dir)
    {
        string c = Path.Combine(dir, CaseReader.CaseFileName);
        // A dangling or escaping case.json link still marks a case: CaseReader then says what is wrong.
        return File.Exists(c) || new FileInfo(c).LinkTarget is not null;
    }

    static bool IsUnder(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == root;

    static void Walk(string root, SortedSet<string> found)
    {
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            string dir = stack.Pop();
            IEnumerable<string> subs;
            try
            {
                subs = Directory.EnumerateDirectories(dir, "*", SubdirectoryOptions).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (string sub in subs)
            {
                if (IsCase(sub)) found.Add(sub);
                else stack.Push(sub);
            }
        }
    }
}
