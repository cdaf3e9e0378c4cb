namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>rnnparity capture</c> and <c>check</c> where Keras is missing, refused, or called wrongly: the exit code
/// README gives, a message that says what to do, and nothing written.
/// </summary>
[TestFixture]
public sealed class CaptureCliTests
{
    static string SharedModel()
    {
        string file = Path.Combine(RepoPaths.KerasModels, "model_seed_simple_rnn", "model.keras");
        if (!File.Exists(file)) Assert.Inconclusive($"the shared test data is not at {RepoPaths.KerasModels}");
        return file;
    }

    [TestCase("capture")]
    [TestCase("check")]
    [Category("LiveNumPy")]
    public void Without_keras_the_command_exits_3_with_the_venv_route_and_writes_nothing(string command)
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir($"{command}-nokeras");
        string target = tmp.Sub("case");
        string[] args = command == "capture" ? ["capture", SharedModel(), "--out", target] : ["check", SharedModel(), "--keep", target];

        CliResult r = CliRunner.Run(args, KerasStandIns.Env(python, KerasStandIns.Hidden(tmp)));

        Assert.That(r.ExitCode, Is.EqualTo(3), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("no module named keras").Or.Contain("keras does not import"), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("python3 -m venv ~/.venvs/keras && ~/.venvs/keras/bin/pip install keras numpy")
            .And.Contain("RNNPARITY_PYTHON=~/.venvs/keras/bin/python")
            .And.Contain("PEP 668"), r.Transcript);
        Assert.That(Directory.Exists(target), Is.False, "nothing written");
    }

    static IEnumerable<TestCaseData> BadUsage()
    {
        yield return new TestCaseData((object)new[] { "capture", "{model}" }).SetName("capture without --out");
        yield return new TestCaseData((object)new[] { "capture", "{tmp}/none.keras", "--out", "{tmp}/case" }).SetName("capture of a missing file");
        yield return new TestCaseData((object)new[] { "capture", "{tmp}", "--out", "{tmp}/case" }).SetName("capture of a folder");
        yield return new TestCaseData((object)new[] { "capture", "{model}", "--out", "{tmp}/case", "--batch", "0" }).SetName("capture with --batch 0");
        yield return new TestCaseData((object)new[] { "capture", "{model}", "--out", "{tmp}/case", "--input", "{tmp}/none.npy" }).SetName("capture with a missing --input");
        yield return new TestCaseData((object)new[] { "capture", "{model}", "--out", "{tmp}/case", "--input", "{model}", "--timesteps", "3" }).SetName("capture with --input and --timesteps");
        yield return new TestCaseData((object)new[] { "check", "{tmp}/none.h5", "--keep", "{tmp}/case" }).SetName("check of a missing file");
        yield return new TestCaseData((object)new[] { "check", "{model}", "--timesteps", "-1", "--keep", "{tmp}/case" }).SetName("check with --timesteps -1");
        yield return new TestCaseData((object)new[] { "check" }).SetName("check without a model file");
    }

    [TestCaseSource(nameof(BadUsage))]
    public void Bad_usage_exits_2_before_any_Python_and_writes_nothing(string[] template)
    {
        using var tmp = new CliTempDir("capture-usage");
        string model = tmp.Sub("model.keras");
        File.WriteAllText(model, "not used");
        string[] args = template.Select(a => a.Replace("{model}", model).Replace("{tmp}", tmp.Path)).ToArray();

        // A Python that does not exist: reaching it would be exit 3, not 2.
        CliResult r = CliRunner.Run(args, new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = "/nonexistent/python3" });

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Is.Not.Empty.And.Not.Contain("Traceback").And.Not.Contain("Unhandled"), r.Transcript);
        Assert.That(Directory.Exists(tmp.Sub("case")), Is.False, "nothing written");
    }

    [Test, Category("LiveNumPy")]
    public void A_Lambda_layer_is_refused_with_exit_2_naming_the_layer_and_nothing_is_written()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("capture-lambda");
        string model = KerasStandIns.KerasZip(tmp.Sub("evil.keras"), """
            {"class_name": "Sequential", "config": {"layers": [
              {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 3]}},
              {"class_name": "Lambda", "config": {"name": "sneaky", "function": {"class_name": "__lambda__", "config": {"code": "x"}}}}]}}
            """);
        string stand_in = KerasStandIns.LoadRaises(tmp, "load_model must not be reached");

        CliResult r = CliRunner.Run(["capture", model, "--out", tmp.Sub("case")], KerasStandIns.Env(python, stand_in));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("evil.keras").And.Contain("'sneaky'").And.Contain("Lambda").And.Contain("never executed")
            .And.Not.Contain("must not be reached").And.Not.Contain("Traceback"), r.Transcript);
        Assert.That(Directory.Exists(tmp.Sub("case")), Is.False, "nothing written");
    }

    [Test, Category("LiveNumPy")]
    public void What_Keras_safe_mode_refuses_exits_2_with_Keras_reason()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("capture-safe-mode");
        string model = KerasStandIns.KerasZip(tmp.Sub("custom.keras"), """{"class_name": "Sequential", "config": {"layers": []}}""");
        string stand_in = KerasStandIns.LoadRaises(tmp, "Requested the deserialization of a function; pass `safe_mode=False` to the loading function");

        CliResult r = CliRunner.Run(["check", model, "--keep", tmp.Sub("case")], KerasStandIns.Env(python, stand_in));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("custom.keras: refused by Keras's safe_mode").And.Contain("safe_mode=False").And.Not.Contain("Traceback"), r.Transcript);
        Assert.That(Directory.Exists(tmp.Sub("case")), Is.False, "nothing written");
    }

    [Test, Category("LiveNumPy")]
    public void A_truncated_keras_file_exits_2_naming_the_file()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("capture-truncated");
        byte[] whole = File.ReadAllBytes(SharedModel());
        string model = tmp.Sub("cut.keras");
        File.WriteAllBytes(model, whole[..(whole.Length / 2)]);

        CliResult r = CliRunner.Run(["capture", model, "--out", tmp.Sub("case")], KerasStandIns.Env(python, KerasStandIns.LoadRaises(tmp, "unused")));

        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain("cut.keras").And.Contain("not a zip"), r.Transcript);
        Assert.That(Directory.Exists(tmp.Sub("case")), Is.False, "nothing written");
    }
}
