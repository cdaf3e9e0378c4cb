using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>
/// One test per case of the shared model zoo: real-architecture models saved by Keras 3.15.1
/// (<c>keras-models/</c>) and models strangers trained and published (<c>wild-models/</c>). Both must
/// pass <c>verify</c>. The data lives beside the clone and is never copied into the repository.
/// </summary>
[TestFixture]
public sealed class SharedModelCaseTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var (folder, label) in new[] { (RepoPaths.KerasModels, "keras-models"), (RepoPaths.WildModels, "wild-models") })
            foreach (string name in RepoPaths.SharedCaseNames(folder))
                yield return new TestCaseData(Path.Combine(folder, name)).SetName($"Verify({label}/{name})");
    }

    [TestCaseSource(nameof(Cases))]
    public void Shared_case_passes_verify(string caseDirectory)
    {
        CaseResult result = CaseVerifier.Verify(caseDirectory);

        // A failure that got as far as comparing outputs says where, when and why, not a wall of numbers.
        Assert.That(result.Passed, Is.True, () => result.Outputs.Count > 0 ? $"{result.Error}{Environment.NewLine}{RnnParity.Tests.Diagnosis.DiffSummary.Of(caseDirectory)}" : result.Error ?? "");
        Assert.That(result.Outputs, Is.Not.Empty, "a case that compares no output proves nothing");
    }

    [Test]
    public void The_shared_model_zoo_is_there()
    {
        if (!Directory.Exists(RepoPaths.Shared))
            Assert.Inconclusive($"no shared test data at {RepoPaths.Shared} (set RNNPARITY_SHARED to its folder)");
        Assert.That(RepoPaths.SharedCaseNames(RepoPaths.KerasModels).Count(), Is.GreaterThanOrEqualTo(7), RepoPaths.KerasModels);
        Assert.That(RepoPaths.SharedCaseNames(RepoPaths.WildModels).Count(), Is.GreaterThanOrEqualTo(19), RepoPaths.WildModels);
    }
}
