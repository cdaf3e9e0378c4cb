using RnnParity.Fixtures.Verification;
using Xunit;

namespace RnnParity.Xunit;

/// <summary>
/// Fixture cases as xUnit v3 theory rows, one per case:
/// <code>
/// public static TheoryData&lt;FixtureCaseRef&gt; Cases => FixtureCases.In("fixtures");
/// [Theory, MemberData(nameof(Cases))] public void Matches_keras(FixtureCaseRef fixtureCase) => fixtureCase.Verify();
/// </code>
/// Each row runs what <c>rnnparity verify</c> runs for its case (build from model.json, load the
/// weights, every run's outputs within the case's tolerance |actual − expected| ≤ atol + rtol·|expected|,
/// shapes, parameter counts, summary) and fails with verify's lines. The cases and the verdict are
/// <see cref="FixtureCaseList"/>'s, shared with RnnParity.NUnit.
/// </summary>
public static class FixtureCases
{
    /// <summary>
    /// The cases under <paramref name="folder"/> (<see cref="FixtureCaseList.In"/>: searched recursively,
    /// as <c>rnnparity verify</c> searches, in ordinal order of their relative paths), one row each. A
    /// relative folder is looked up in the current directory, then in the test assembly's folder and each
    /// of its parents. A folder that is missing or holds no case yields one failing row saying so, never
    /// an empty theory; so does a case a killed regeneration left set aside.
    /// </summary>
    public static TheoryData<FixtureCaseRef> In(string folder)
    {
        var data = new TheoryData<FixtureCaseRef>();
        foreach (FixtureCaseEntry entry in FixtureCaseList.In(folder)) data.Add(new FixtureCaseRef(entry));
        return data;
    }

    /// <summary>
    /// Verifies one case (<see cref="FixtureCaseList.Verify"/>). Passes when every check holds (notes and
    /// the max abs error go to <see cref="TestContext.Current"/>'s output helper, when a test is running);
    /// otherwise fails with <c>rnnparity verify</c>'s text (<see cref="FixtureCaseList.FailureText"/>) or
    /// the reason there is no case.
    /// </summary>
    public static void Verify(FixtureCaseRef fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        string? failure = FixtureCaseList.Verify(fixtureCase.Entry, line => TestContext.Current.TestOutputHelper?.WriteLine(line));
        if (failure is not null) Assert.Fail(failure);
    }
}
