namespace RnnParity.Cli.Usage;

/// <summary>"Did you mean": the known names nearest to a mistyped one.</summary>
public static class Suggestions
{
    /// <summary>
    /// The known names at the smallest edit distance from <paramref name="typed"/> (dashes ignored),
    /// when that distance is small for the name's length (at most a third of it, at least 1), or the
    /// names <paramref name="typed"/> is a prefix of. Empty when nothing is near.
    /// </summary>
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        string bare = typed.TrimStart('-');
        if (bare.Length == 0) return [];
        var scored = known.Distinct().Select(k => (Name: k, Distance: Distance(bare, k.TrimStart('-')))).ToList();
        var near = scored.Where(s => s.Distance <= Math.Max(1, s.Name.TrimStart('-').Length / 3)).ToList();
        if (near.Count > 0)
        {
            int best = near.Min(s => s.Distance);
            return near.Where(s => s.Distance == best).Select(s => s.Name).ToList();
        }
        return bare.Length >= 2
            ? scored.Where(s => s.Name.TrimStart('-').StartsWith(bare, StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList()
            : [];
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus swapped neighbours ("jsno" is one from "json"), ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = Math.Min(best, d[i - 2, j - 2] + 1);
                d[i, j] = best;
            }
        return d[a.Length, b.Length];
    }
}
