using RnnParity.Fixtures.Format;
using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>One test per committed fixture case, so that a failure names its case.</summary>
[TestFixture]
public sealed class FixtureCaseTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        CaseDiscovery.Find([RepoPaths.Fixtures]).Select(dir =>
            new TestCaseData(dir).SetName($"Verify({Path.GetFileName(Path.GetDirectoryName(dir))}/{Path.GetFileName(dir)})"));

    [TestCaseSource(nameof(Cases))]
    public void Case_matches_its_reference(string caseDirectory)
    {
        CaseResult result = CaseVerifier.Verify(caseDirectory);

        // A failure that got as far as comparing outputs says where, when and why, not a wall of numbers.
        Assert.That(result.Passed, Is.True, () => result.Outputs.Count > 0 ? $"{result.Error}{Environment.NewLine}{RnnParity.Tests.Diagnosis.DiffSummary.Of(caseDirectory)}" : result.Error ?? "");
        Assert.That(result.Outputs, Is.Not.Empty, "a case that compares no output proves nothing");
    }

    /// <summary>Discovery must not go quiet: the 18 Keras references and the NumPy catalogue are all there.</summary>
    [Test]
    public void Every_reference_case_is_discovered()
    {
        var cases = CaseDiscovery.Find([RepoPaths.Fixtures]);

        Assert.That(cases.Count(c => Path.GetDirectoryName(c) == RepoPaths.KerasFixtures), Is.EqualTo(18));
        Assert.That(cases.Count(c => Path.GetDirectoryName(c) == RepoPaths.NumpyFixtures), Is.GreaterThanOrEqualTo(10));
    }
}
