namespace RnnParity.Tests.Cli;

/// <summary>
/// Every model file of the shared test data, captured by <c>rnnparity capture</c> with Keras and then checked by
/// <c>rnnparity verify</c>: the round trip a porting engineer relies on. Inconclusive where keras does not import.
/// </summary>
[TestFixture, Category("LiveKeras")]
public sealed class CaptureRoundTripCliTests
{
    static IEnumerable<TestCaseData> ModelFiles()
    {
        var found = new List<TestCaseData>();
        foreach (string folder in new[] { RepoPaths.KerasModels, RepoPaths.WildModels })
            foreach (string name in RepoPaths.SharedCaseNames(folder))
                foreach (string file in new[] { "model.keras", "model.h5" })
                    if (File.Exists(Path.Combine(folder, name, file)))
                        found.Add(new TestCaseData(Path.Combine(folder, name, file)).SetName($"{Path.GetFileName(folder)}/{name}/{file}"));
        if (found.Count == 0)
            found.Add(new TestCaseData((string?)null).SetName("shared model files"));
        return found;
    }

    [TestCaseSource(nameof(ModelFiles))]
    public void Capture_then_verify_passes(string? modelFile)
    {
        if (modelFile is null) Assert.Inconclusive($"the shared test data is not at {RepoPaths.Shared}");
        var python = CliKeras.Require();
        using var tmp = new CliTempDir("roundtrip");
        string caseDir = tmp.Sub("captured");
        var env = new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable };

        CliResult captured = CliRunner.Run(["capture", modelFile!, "--out", caseDir], env, TimeSpan.FromSeconds(300));
        Assert.That(captured.ExitCode, Is.EqualTo(0), captured.Transcript);
        Assert.That(File.Exists(Path.Combine(caseDir, "case.json")), Is.True, captured.Transcript);

        CliResult verified = CliRunner.Run(["verify", caseDir]);
        Assert.That(verified.ExitCode, Is.EqualTo(0), verified.Transcript);
    }
}
