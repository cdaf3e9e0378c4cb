using System.Globalization;
using System.Text;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>--shard K/N</c>: job K of N verifies the cases whose name hashes to K. The hash (32-bit FNV-1a
/// of the UTF-8 name with MurmurHash3's finalizer, modulo N) depends on nothing but the case name, so N jobs on the same
/// checkout cover every case exactly once, and adding a case never moves the others between jobs.
/// </summary>
public readonly record struct CaseShard(int Index, int Count)
{
    /// <summary>What <c>--shard</c> takes, in words.</summary>
    public const string Expected = "K/N, two whole numbers with 1 <= K <= N (job K of N), e.g. 2/4";

    /// <summary>Parses <c>K/N</c> with 1 ≤ K ≤ N; null and a plain-language reason when it is not that.</summary>
    public static CaseShard? TryParse(string text, out string? error)
    {
        error = null;
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
            return new CaseShard(k, n);
        error = $"--shard '{text}': expected {Expected}";
        return null;
    }

    /// <summary>Whether the case named <paramref name="caseName"/> belongs to this job.</summary>
    public bool Contains(string caseName) => (int)(Fnv1a(caseName) % (uint)Count) == Index - 1;

    static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619;
        }
        // FNV-1a alone leaves similar names (shared prefixes, a changed digit) clustered modulo a small N;
        // MurmurHash3's finalizer spreads them.
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }

    public override string ToString() => $"{Index}/{Count}";
}
