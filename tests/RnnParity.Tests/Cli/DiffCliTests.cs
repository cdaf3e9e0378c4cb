using System.Text.Json;
using RnnParity.Fixtures.Format;
using RnnParity.Tests.Diagnosis;

namespace RnnParity.Tests.Cli;

/// <summary><c>rnnparity diff</c> as a user runs it: exit codes, the JSON README documents, the HTML report.</summary>
[TestFixture]
public sealed class DiffCliTests
{
    string _temp = "";

    [SetUp]
    public void MakeTemp() => _temp = TestFiles.NewTempFolder("diff-cli");

    [TearDown]
    public void RemoveTemp() => Directory.Delete(_temp, recursive: true);

    /// <summary>A copy of the tutorial case whose expected outputs carry the notes' hidden_statet_t typo.</summary>
    string TutorialTypoCase()
    {
        string dir = TestFiles.CopyTree(Path.Combine(RepoPaths.NumpyFixtures, "numpy_tutorial_example"), Path.Combine(_temp, "numpy_tutorial_example"));
        var typo = InjectedMistakes.All().First(i => i.Mistake == "state-not-carried").Outputs(dir);
        NpyWriter.Write(Path.Combine(dir, "run0_out0.npy"), NpyArray.FromTensor(typo[0][0]));
        return dir;
    }

    [Test]
    public void A_passing_case_exits_0_with_cause_none()
    {
        string json = Path.Combine(_temp, "d.json");
        var r = CliRunner.Run("diff", Path.Combine(RepoPaths.KerasFixtures, "gru_reset_after"), "--json", json);

        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(doc.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(doc.RootElement.GetProperty("likely_cause").GetProperty("name").GetString(), Is.EqualTo("none"));
        Assert.That(doc.RootElement.GetProperty("likely_cause").GetProperty("fit").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void The_tutorial_typo_exits_1_and_the_json_says_where_when_and_why()
    {
        string json = Path.Combine(_temp, "d.json");
        var r = CliRunner.Run("diff", TutorialTypoCase(), "--json", json);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("state-not-carried"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("case").GetString(), Is.EqualTo("numpy_tutorial_example"));
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.False);
        var output = root.GetProperty("outputs")[0];
        foreach (string key in new[] { "run", "output", "name", "shape_ok", "max_abs_error", "max_rel_error", "max_ulp", "worst", "out_of_tolerance", "per_timestep", "first_bad_timestep" })
            Assert.That(output.TryGetProperty(key, out _), Is.True, key);
        Assert.That(output.GetProperty("worst").GetProperty("index").EnumerateArray().Select(i => i.GetInt32()).Count(), Is.EqualTo(3));
        Assert.That(output.GetProperty("per_timestep").GetArrayLength(), Is.EqualTo(10));
        // Step 0 starts from the zero state either way; the typo shows from step 1 on.
        Assert.That(output.GetProperty("first_bad_timestep").GetInt32(), Is.EqualTo(1));
        Assert.That(root.TryGetProperty("first_bad_layer", out _), Is.True);
        var cause = root.GetProperty("likely_cause");
        Assert.That(cause.GetProperty("name").GetString(), Is.EqualTo("state-not-carried"));
        Assert.That(cause.GetProperty("side").GetString(), Is.EqualTo("expected"));
        Assert.That(cause.GetProperty("fit").GetDouble(), Is.LessThanOrEqualTo(1.0));
    }

    [Test]
    public void The_report_is_a_page_with_a_png_plot()
    {
        string report = Path.Combine(_temp, "report");
        var r = CliRunner.Run("diff", TutorialTypoCase(), "--report", report);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.That(html, Does.Contain("state-not-carried").And.Contain("<img src=\"error_run0_out0.png\""));
        byte[] png = File.ReadAllBytes(Path.Combine(report, "error_run0_out0.png"));
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG file");
        Assert.That(png.Length, Is.GreaterThan(5000), "a plot, not an empty image");
    }

    [Test]
    public void Verify_points_a_failing_case_to_diff()
    {
        var r = CliRunner.Run("verify", TutorialTypoCase());

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("rnnparity diff "));
    }

    [TestCase("nosuch")]
    public void A_missing_case_exits_2(string name)
    {
        var r = CliRunner.Run("diff", Path.Combine(_temp, name));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("does not exist"));
    }

    [Test]
    public void A_missing_actual_folder_exits_2_naming_it()
    {
        string missing = Path.Combine(_temp, "no-outputs");
        var r = CliRunner.Run("diff", Path.Combine(RepoPaths.KerasFixtures, "gru_reset_after"), "--actual", missing);

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain(missing));
    }
}
