using NUnit.Framework;
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
/// shapes, parameter counts, summary) and fails with verify's lines. The cases and the verdict are
/// <see cref="FixtureCaseList"/>'s, shared with RnnParity.Xunit.
/// </summary>
public static class FixtureCases
{
    /// <summary>
    /// The cases under <paramref name="folder"/> (<see cref="FixtureCaseList.In"/>: searched recursively,
    /// as <c>rnnparity verify</c> searches, in ordinal order of their relative paths), one
    /// <see cref="TestCaseData"/> each, shown as the relative path (<c>keras/lstm_sequences</c>). A
    /// relative folder is looked up in the current directory, then in the test assembly's folder and each
    /// of its parents. A folder that is missing or holds no case yields one failing test saying so, never
    /// an empty, passing run; so does a case a killed regeneration left set aside.
    /// </summary>
    public static IEnumerable<TestCaseData> In(string folder) =>
        FixtureCaseList.In(folder).Select(e => Data(new FixtureCaseRef(e.Name, e.Directory, e.Problem)));

    /// <summary>
    /// Verifies one case (<see cref="FixtureCaseList.Verify"/>). Passes when every check holds (notes and
    /// the max abs error are written to the test's output); otherwise fails with <c>rnnparity verify</c>'s
    /// text (<see cref="FailureText"/>) or the reason there is no case.
    /// </summary>
    public static void Verify(FixtureCaseRef fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        string? failure = FixtureCaseList.Verify(new FixtureCaseEntry(fixtureCase.Name, fixtureCase.Directory, fixtureCase.Problem),
            line => TestContext.Out.WriteLine(line));
        if (failure is not null) Assert.Fail(failure);
    }

    /// <summary>The failure message: verify's lines for the case (<see cref="FixtureCaseList.FailureText"/>).</summary>
    public static string FailureText(CaseResult result) => FixtureCaseList.FailureText(result);

    static TestCaseData Data(FixtureCaseRef c) => new TestCaseData(c).SetArgDisplayNames(c.Name);
}
