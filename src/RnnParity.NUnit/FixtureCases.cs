using System.Globalization;
using System.Text;
using NUnit.Framework;
using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;

namespace RnnParity.NUnit;

/// <summary>
/// Fixture cases as NUnit tests, one per case:
/// <code>
/// [TestCaseSource(typeof(FixtureCases), nameof(FixtureCases.In), new object[] { "fixtures" })]
/// public void Matches_keras(FixtureCaseRef fixtureCase) => fixtureCase.Verify();
/// </code>
/// Each test runs what <c>rnnparity verify</c> runs for its case (build from model.json, load the
/// weights, every run's outputs within the case's tolerance |actual − expected| ≤ atol + rtol·|expected|,
/// shapes, parameter counts, summary) and fails with verify's lines.
/// </summary>
public static class FixtureCases
{
    /// <summary>
    /// The cases under <paramref name="folder"/> (searched recursively, as <c>rnnparity verify</c>
    /// searches), in ordinal order of their relative paths, one <see cref="TestCaseData"/> each, shown as
    /// the relative path (<c>keras/lstm_sequences</c>). A relative folder is looked up in the current
    /// directory, then in the test assembly's folder and each of its parents (so <c>"fixtures"</c> finds
    /// the repository's from <c>bin/Release/net10.0</c>). A folder that is missing or holds no case
    /// yields one failing test saying so, never an empty, passing run; so does a case a killed
    /// regeneration left set aside.
    /// </summary>
    public static IEnumerable<TestCaseData> In(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string? root = Resolve(folder);
        if (root is null)
        {
            yield return Data(new FixtureCaseRef(folder, folder,
                $"no folder '{folder}' in {Directory.GetCurrentDirectory()} or above {AppContext.BaseDirectory}"));
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
            yield return Data(new FixtureCaseRef(folder, root, problem));
            yield break;
        }
        foreach (string dir in cases)
        {
            string name = Path.GetRelativePath(root, dir).Replace(Path.DirectorySeparatorChar, '/');
            yield return Data(new FixtureCaseRef(name == "." ? Path.GetFileName(dir) : name, dir));
        }
        foreach (InterruptedSwap swap in InterruptedSwaps.Find([root]))
            yield return Data(new FixtureCaseRef(Path.GetRelativePath(root, swap.Path).Replace(Path.DirectorySeparatorChar, '/'), swap.Path, swap.Describe()));
    }

    /// <summary>
    /// Verifies one case. Passes when every check holds (notes and the max abs error are written to the
    /// test's output); otherwise fails with <c>rnnparity verify</c>'s text: each failure (for an output:
    /// how many elements are out of tolerance, max abs error and ULPs, the first differing index with
    /// actual and expected values, the max abs error per timestep and the first beyond tolerance), then
    /// the <c>rnnparity diff</c> command that adds the worst element and the likely cause.
    /// </summary>
    public static void Verify(FixtureCaseRef fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        if (fixtureCase.Problem is not null) Assert.Fail(fixtureCase.Problem);
        CaseResult result = CaseVerifier.Verify(fixtureCase.Directory);
        foreach (string note in result.Notes) TestContext.Out.WriteLine($"note: {note}");
        if (result.Passed)
        {
            TestContext.Out.WriteLine($"PASS  {result.Name}  max_abs_error={Format(result.MaxAbsError)}");
            return;
        }
        Assert.Fail(FailureText(result));
    }

    /// <summary>The failure message: verify's lines for the case.</summary>
    public static string FailureText(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder($"FAIL  {result.Name}  max_abs_error={Format(result.MaxAbsError)}");
        foreach (string f in result.Failures) text.Append("\n  ").Append(f);
        if (result.Outputs.Count > 0) text.Append("\n  where, when and why: rnnparity diff \"").Append(result.Path).Append('"');
        return text.ToString();
    }

    static string Format(double maxAbs) => double.IsNaN(maxAbs) ? "-" : maxAbs.ToString("0.###e+00", CultureInfo.InvariantCulture);

    static TestCaseData Data(FixtureCaseRef c) => new TestCaseData(c).SetArgDisplayNames(c.Name);

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
