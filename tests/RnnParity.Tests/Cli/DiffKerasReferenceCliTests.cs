using System.Text.Json;

namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>diff</c>'s layer reference is Keras where keras imports (python/keras_layer_outputs.py), else the
/// NumPy reference, and <c>layer_check</c> says which and why: with keras hidden, with a stand-in keras
/// that refuses to build the model, and (where keras imports) with Keras itself.
/// </summary>
[TestFixture]
public sealed class DiffKerasReferenceCliTests
{
    static string Stacked => RepoPaths.KerasCase("stacked_rnn_dense");

    static string LayerCheck(CliResult r, string json)
    {
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.GetProperty("layer_check").GetString()!;
    }

    [Test]
    public void Without_keras_the_numpy_reference_checks_the_layers_and_says_why()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("diff-nokeras");
        string json = tmp.Sub("d.json");

        var r = CliRunner.Run(["diff", Stacked, "--json", json], KerasStandIns.Env(python, KerasStandIns.Hidden(tmp)));

        string check = LayerCheck(r, json);
        Assert.That(check, Does.StartWith("against the NumPy reference (python/numpy_runner.py) [not Keras: keras does not import")
            .And.Contain("keras hidden by the test").And.Contain("3 layer(s) checked"));
        Assert.That(r.Stdout, Does.Contain("[not Keras: keras does not import"));
    }

    [Test]
    public void A_keras_that_cannot_build_the_model_falls_back_to_numpy_and_says_so()
    {
        var python = CliPython.RequireNumpy();
        using var tmp = new CliTempDir("diff-refusing-keras");
        string root = tmp.Sub("pythonpath-refusing");
        Directory.CreateDirectory(Path.Combine(root, "keras"));
        File.WriteAllText(Path.Combine(root, "keras", "__init__.py"), """
            import types
            __version__ = "0-stand-in"

            def _model_from_json(text):
                raise ValueError("the stand-in refuses every model")

            models = types.SimpleNamespace(model_from_json=_model_from_json)
            utils = types.SimpleNamespace(clear_session=lambda: None)
            """);
        string json = tmp.Sub("d.json");

        var r = CliRunner.Run(["diff", Stacked, "--json", json], KerasStandIns.Env(python, root));

        string check = LayerCheck(r, json);
        Assert.That(check, Does.StartWith("against the NumPy reference (python/numpy_runner.py) [not Keras: Keras cannot run this case")
            .And.Contain("the stand-in refuses every model").And.Contain("3 layer(s) checked"));
    }

    [Test]
    public void With_keras_keras_is_the_layer_reference()
    {
        var python = CliKeras.Require();
        using var tmp = new CliTempDir("diff-keras");
        string json = tmp.Sub("d.json");

        var r = CliRunner.Run(["diff", Stacked, "--json", json], new Dictionary<string, string?> { ["RNNPARITY_PYTHON"] = python.Executable, ["KERAS_BACKEND"] = "numpy" });

        string check = LayerCheck(r, json);
        Assert.That(check, Does.StartWith("against Keras ").And.Contain("(python/keras_layer_outputs.py)")
            .And.Contain("3 layer(s) checked").And.Contain("every checked layer within tolerance"));
    }
}
