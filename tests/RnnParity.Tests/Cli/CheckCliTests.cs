namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>rnnparity check</c> end to end, capture then verify, with a stand-in <c>keras</c> (Cli/KerasReplay) that
/// replays a committed Keras fixture case for whatever file it is asked to load: the verdict and exit code when C#
/// matches, and when the "Keras" outputs drift from the third timestep on, where it diverges.
/// </summary>
[TestFixture, Category("LiveNumPy")]
public sealed class CheckCliTests
{
    const string Replayed = "bidirectional_simple_rnn_concat";

    static Dictionary<string, string?> Env(string? drift = null) => new()
    {
        ["RNNPARITY_PYTHON"] = CliPython.RequireNumpy().Executable,
        ["PYTHONPATH"] = Path.Combine(CliRunner.OutputDirectory, "Cli", "KerasReplay"),
        ["RNNPARITY_REPLAY_CASE"] = RepoPaths.KerasCase(Replayed),
        ["RNNPARITY_REPLAY_DRIFT"] = drift,
    };

    static string ModelFile(CliTempDir tmp)
    {
        // Only the name and bytes matter (the stand-in replays the case); the sha256 lands in the case.
        string file = tmp.Sub("My-Model.keras");
        KerasStandIns.KerasZip(file, """{"class_name": "Sequential", "config": {"layers": []}}""");
        return file;
    }

    [Test]
    public void A_model_that_CSharp_reproduces_passes_and_the_temporary_case_is_gone()
    {
        using var tmp = new CliTempDir("check-pass");
        string input = Path.Combine(RepoPaths.KerasCase(Replayed), "run0_in0.npy");
        var before = Directory.GetDirectories(Path.GetTempPath(), "rnnparity-check-*").ToHashSet();

        CliResult r = CliRunner.Run(["check", ModelFile(tmp), "--input", input], Env());

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("check: wrote case my_model").And.Contain("PASS  my_model")
            .And.Contain("check: PASS: C# computes what Keras computes for My-Model.keras"), r.Transcript);
        var after = Directory.GetDirectories(Path.GetTempPath(), "rnnparity-check-*").Where(d => !before.Contains(d)).ToList();
        Assert.That(after.Where(d => Directory.EnumerateFiles(d, "case.json", SearchOption.AllDirectories).Any()), Is.Empty,
            "the temporary case is deleted");
    }

    [Test]
    public void A_model_that_drifts_fails_with_exit_1_and_says_where_and_keep_keeps_the_case()
    {
        using var tmp = new CliTempDir("check-fail");
        string input = Path.Combine(RepoPaths.KerasCase(Replayed), "run0_in0.npy");
        string kept = tmp.Sub("kept");

        CliResult r = CliRunner.Run(["check", ModelFile(tmp), "--input", input, "--keep", kept], Env(drift: "0.001"));

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("FAIL  kept").And.Contain("check: FAIL: C# differs from Keras on My-Model.keras"), r.Transcript);
        // The drift starts at timestep 2, and the per-timestep profile must say so.
        Assert.That(r.Stdout, Does.Match(@"by timestep: t0 [^,]*, t1 [^,]*, t2 [^,]*first beyond tolerance"), r.Transcript);
        Assert.That(File.Exists(Path.Combine(kept, "case.json")), Is.True, "--keep keeps the case");
        Assert.That(r.Stdout, Does.Contain($"rnnparity verify {kept}"), r.Transcript);
    }

    [Test]
    public void Capture_writes_the_case_named_after_its_folder_with_the_files_sha256()
    {
        using var tmp = new CliTempDir("capture-replay");
        string model = ModelFile(tmp);
        string input = Path.Combine(RepoPaths.KerasCase(Replayed), "run0_in0.npy");

        CliResult r = CliRunner.Run(["capture", model, "--out", tmp.Sub("Odd Name"), "--input", input], Env());

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        string caseDir = tmp.Sub("odd_name");
        Assert.That(r.Stdout, Does.Contain($"wrote case odd_name to {caseDir}").And.Contain("not "), r.Transcript);
        string json = File.ReadAllText(Path.Combine(caseDir, "case.json"));
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(model)));
        Assert.That(json, Does.Contain($"\"sha256\": \"{sha}\"").And.Contain("\"file\": \"My-Model.keras\"").And.Contain("\"keras\": \"0-replay\""));
        CliResult verified = CliRunner.Run(["verify", caseDir]);
        Assert.That(verified.ExitCode, Is.EqualTo(0), verified.Transcript);
    }
}
