using System.Globalization;
using System.Text;
using RnnParity.Fixtures.Format;

namespace RnnParity.Fixtures.Verification;

/// <summary>
/// What the test framework adapters (RnnParity.NUnit, RnnParity.Xunit) share: the cases of a folder, one
/// test each, and the verdict on one, so that every framework reports a case with <c>rnnparity verify</c>'s
/// words. An adapter only turns an entry into its framework's test argument and a failure text into its
/// framework's failure.
/// </summary>
public static class FixtureCaseList
{
    /// <summary>
    /// The cases under <paramref name="folder"/> (searched recursively, as <c>rnnparity verify</c>
    /// searches), in ordinal order of their relative paths (<c>keras/lstm_sequences</c>). A relative folder
    /// is looked up in the current directory, then in the test assembly's folder and each of its parents
    /// (so <c>"fixtures"</c> finds the repository's from <c>bin/Release/net10.0</c>). A folder that is
    /// missing or holds no case yields one entry with a <see cref="FixtureCaseEntry.Problem"/>, so the run
    /// fails instead of passing empty; so does each case a killed regeneration left set aside.
    /// </summary>
    public static IEnumerable<FixtureCaseEntry> In(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return Enumerate(folder);
    }

    static IEnumerable<FixtureCaseEntry> Enumerate(string folder)
    {
        string? root = Resolve(folder);
        if (root is null)
        {
            yield return new FixtureCaseEntry(folder, folder,
                $"no folder '{folder}' in {Directory.GetCurrentDirectory()} or above {AppContext.BaseDirectory}");
            yield break;
        }
        IReadOnlyList<string> cases;
        string? problem = null;
        try { cases = CaseDiscovery.Find([root]); }
        catch (CasePathException e)
        {
            cases = [];
            problem = e.Message;
        }
        if (problem is not null)
        {
            yield return new FixtureCaseEntry(folder, root, problem);
            yield break;
        }
        foreach (string dir in cases)
        {
            string name = Relative(root, dir);
            yield return new FixtureCaseEntry(name == "." ? Path.GetFileName(dir) : name, dir);
        }
        foreach (InterruptedSwap swap in InterruptedSwaps.Find([root]))
            yield return new FixtureCaseEntry(Relative(root, swap.Path), swap.Path, swap.Describe());
    }

    /// <summary>
    /// Verifies one case as <c>rnnparity verify</c> does (build from model.json, load the weights, every
    /// run's outputs within the case's tolerance |actual − expected| ≤ atol + rtol·|expected|, shapes,
    /// parameter counts, summary). Writes the notes and, on success, the <c>PASS</c> line with the max abs
    /// error to <paramref name="output"/>; returns null when the case passes, otherwise the text the test
    /// fails with: the entry's problem or <see cref="FailureText"/>.
    /// </summary>
    public static string? Verify(FixtureCaseEntry fixtureCase, Action<string> output)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        ArgumentNullException.ThrowIfNull(output);
        if (fixtureCase.Problem is not null) return fixtureCase.Problem;
        CaseResult result = CaseVerifier.Verify(fixtureCase.Directory);
        foreach (string note in result.Notes) output($"note: {note}");
        if (!result.Passed) return FailureText(result);
        output($"PASS  {result.Name}  max_abs_error={Format(result.MaxAbsError)}");
        return null;
    }

    /// <summary>
    /// verify's lines for a failed case: each failure (for an output: how many elements are out of
    /// tolerance, max abs error and ULPs, the first differing index with actual and expected values, the
    /// max abs error per timestep and the first beyond tolerance), then the <c>rnnparity diff</c> command
    /// that adds the worst element and the likely cause.
    /// </summary>
    public static string FailureText(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder($"FAIL  {result.Name}  max_abs_error={Format(result.MaxAbsError)}");
        foreach (string f in result.Failures) text.Append("\n  ").Append(f);
        if (result.Outputs.Count > 0) text.Append("\n  where, when and why: rnnparity diff \"").Append(result.Path).Append('"');
        return text.ToString();
    }

    static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    static string Format(double maxAbs) => double.IsNaN(maxAbs) ? "-" : maxAbs.ToString("0.###e+00", CultureInfo.InvariantCulture);

    static string? Resolve(string folder)
    {
        if (Path.IsPathRooted(folder)) return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
        string here = Path.GetFullPath(folder);
        if (Directory.Exists(here)) return here;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, folder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
