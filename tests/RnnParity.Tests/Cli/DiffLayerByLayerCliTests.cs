using System.Text.Json;
using RnnParity.Cli.Commands;
using RnnParity.Diagnosis;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Fixtures.Format;
using RnnParity.Python;
using RnnParity.Tests.Diagnosis.PerLayer;

namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>diff</c>'s layer-by-layer check against the NumPy reference (python/numpy_runner.py) through the
/// embedded interpreter: a case whose expected values are right but whose C# weights for one later
/// layer are perturbed names that layer; a passing case names none; a missing interpreter is an
/// error only when the user asked for one with --python.
/// </summary>
[TestFixture]
public sealed class DiffLayerByLayerCliTests
{
    static string Stacked => RepoPaths.KerasCase("stacked_rnn_dense");

    static NumpyLayerReference RequireNumpy()
    {
        try { PythonLocator.Locate(["numpy"]); }
        catch (PythonUnavailableException e)
        {
            if (Environment.GetEnvironmentVariable("RNNPARITY_REQUIRE_PYTHON") == "1") Assert.Fail(e.Message);
            Assert.Inconclusive(e.Message);
        }
        return new NumpyLayerReference(null, faultsAreErrors: true);
    }

    [TestCase("dense", "kernel")]
    [TestCase("lstm", "kernel")]
    public void A_perturbed_csharp_layer_is_named_by_the_numpy_reference(string layer, string weight)
    {
        var reference = RequireNumpy();
        var model = LayerByLayerTests.Perturbed(CaseModel.Load(CaseReader.Load(Stacked)), layer, weight);

        var check = LayerByLayer.Check(model, Stacked, reference);

        Assert.That(check.FirstBadLayer, Is.EqualTo(layer), check.Description);
        Assert.That(check.Description, Does.Contain("NumPy reference"));
    }

    [TestCase("stacked_rnn_dense", 3)]
    [TestCase("simple_rnn_return_state", 1)]
    [TestCase("bidirectional_simple_rnn_concat", 1)]
    public void A_passing_case_has_no_bad_layer(string name, int layers)
    {
        var reference = RequireNumpy();

        DiffResult result = CaseDiff.Run(RepoPaths.KerasCase(name), layerReference: reference);

        Assert.That(result.Passed, Is.True);
        Assert.That(result.FirstBadLayer, Is.Null, result.LayerCheck);
        Assert.That(result.LayerCheck, Does.Contain($"{layers} layer(s) checked").And.Contain("every checked layer within tolerance"));
    }

    [Test]
    public void The_cli_writes_layer_check_into_the_json()
    {
        RequireNumpy();
        string json = Path.Combine(TestFiles.NewTempFolder("layerdiff-cli"), "d.json");
        try
        {
            var r = CliRunner.Run(["diff", Stacked, "--json", json]);

            Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(doc.RootElement.GetProperty("first_bad_layer").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(doc.RootElement.GetProperty("layer_check").GetString(), Does.Contain("3 layer(s) checked"));
        }
        finally { Directory.Delete(Path.GetDirectoryName(json)!, recursive: true); }
    }

    [Test]
    public void Without_python_diff_works_and_says_so_unless_python_was_asked_for()
    {
        var missing = new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = "/nonexistent/python3" };

        var quiet = CliRunner.Run(["diff", Stacked], missing);
        var asked = CliRunner.Run(["diff", Stacked, "--python", "/nonexistent/python3"]);

        Assert.That(quiet.ExitCode, Is.EqualTo(0), quiet.Transcript);
        Assert.That(quiet.Stdout, Does.Contain("layer by layer: not run:").And.Contain("unavailable"));
        Assert.That(asked.ExitCode, Is.EqualTo(3), asked.Transcript);
    }
}
