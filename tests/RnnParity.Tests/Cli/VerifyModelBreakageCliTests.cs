using System.Text.Json;
using System.Text.Json.Nodes;
using RnnParity.Fixtures.Format;
using RnnParity.Tests.Fixtures.Format;

namespace RnnParity.Tests.Cli;

/// <summary>
/// Cases that read well but do not fit the model or the C# result — an unknown layer class or
/// activation, a missing config field, weights that do not fit, inputs of the wrong dtype or shape,
/// NaN or infinity where C# computes a number — through <c>rnnparity verify</c>: each FAILs naming
/// the case, the file and the field, exit 1, and the good case beside it still passes.
/// </summary>
[TestFixture]
public sealed class VerifyModelBreakageCliTests
{
    const string Bad = FixtureTestFiles.TemplateCase;   // seed_simple_rnn_last: SimpleRNN(3) on (4, 2, 10)
    const string Good = "simple_rnn_return_state";

    public sealed record Breakage(string Category, Action<string> Break, string File, string Field, string DetailPart)
    {
        public override string ToString() => Category;
    }

    static Action<string> Model(Func<string, string> change) => dir =>
    {
        string path = Path.Combine(dir, "model.json");
        string before = File.ReadAllText(path), after = change(before);
        if (after == before) throw new InvalidOperationException("the breakage changed nothing");
        File.WriteAllText(path, after);
    };

    static Action<string> Case(Action<JsonObject> edit) => dir => FixtureTestFiles.EditJson(Path.Combine(dir, "case.json"), edit);

    static Action<string> Array(string file, NpyArray array) => dir => NpyWriter.Write(Path.Combine(dir, file), array);

    static NpyArray Read(string dir, string file) => NpyReader.Read(Path.Combine(dir, file));

    public static IEnumerable<TestCaseData> Breakages()
    {
        var list = new List<Breakage>
        {
            new("unknown_layer_class", Model(m => m.Replace("\"class_name\": \"SimpleRNN\"", "\"class_name\": \"SeparableConv2D\"")),
                "model.json", "config.layers[1].class_name", "not supported yet"),
            new("unknown_activation", Model(m => m.Replace("\"activation\": \"tanh\"", "\"activation\": \"swishy\"")),
                "model.json", "config.layers[1].config", "activation 'swishy'"),
            new("missing_units", Model(m => m.Replace("\"units\": 3, ", "")),
                "model.json", "config.layers[1].config.units", "required field is missing"),
            new("wrong_units_type", Model(m => m.Replace("\"units\": 3", "\"units\": \"three\"")),
                "model.json", "config.layers[1].config.units", "expected an integer"),
            new("weight_missing", dir => { Case(c => c["weights"]!.AsArray().RemoveAt(2))(dir); File.Delete(Path.Combine(dir, "w02.npy")); },
                "case.json", "weights", "has 3 weights"),
            new("weight_wrong_shape", dir => Array("w00.npy", Read(dir, "w01.npy"))(dir),
                "w00.npy", "shape", "needs shape (10, 3)"),
            new("weight_wrong_name", Case(c => c["weights"]![0]!["name"] = "bias"),
                "case.json", "weights[0].name", "is named 'kernel'"),
            new("weight_wrong_layer", Case(c => c["weights"]![0]!["layer"] = "zzz"),
                "case.json", "weights[0].layer", "belongs to layer 'simple_rnn'"),
            new("input_wrong_dtype", dir =>
                {
                    var x = Read(dir, "run0_in0.npy");
                    Array("run0_in0.npy", NpyArray.FromInt64(x.Data.Select(v => (long)Math.Round(v * 10)).ToArray(), x.Shape))(dir);
                },
                "run0_in0.npy", "descr", "dtype float32, the file holds int64"),
            new("input_wrong_shape", dir => Array("run0_in0.npy", NpyArray.FromFloat32(new float[4 * 2 * 9], 4, 2, 9))(dir),
                "run0_in0.npy", "shape", "needs shape (None, 2, 10)"),
            new("expected_nan", dir =>
                {
                    var y = Read(dir, "run0_out0.npy");
                    y.Data[0] = double.NaN;
                    Array("run0_out0.npy", NpyArray.FromFloat32(y.ToFloatArray(), y.Shape))(dir);
                },
                "run0_out0.npy", "", "1 of 12 elements out of tolerance"),
            new("expected_infinity", dir =>
                {
                    var y = Read(dir, "run0_out0.npy");
                    y.Data[5] = double.PositiveInfinity;
                    Array("run0_out0.npy", NpyArray.FromFloat32(y.ToFloatArray(), y.Shape))(dir);
                },
                "run0_out0.npy", "", "1 of 12 elements out of tolerance"),
            new("provenance_without_keras_version", Case(c => c["provenance"]!.AsObject().Remove("keras")),
                "case.json", "provenance.keras", "required"),
        };
        foreach (var b in list) yield return new TestCaseData(b).SetName("VerifyCli_" + b.Category);
    }

    [TestCaseSource(nameof(Breakages))]
    public void The_bad_case_fails_by_name_file_and_field_and_the_good_one_passes(Breakage b)
    {
        using var tmp = new CliTempDir("verify-model");
        string root = tmp.Sub("cases");
        b.Break(TestFiles.CopyTree(RepoPaths.Case(Bad), Path.Combine(root, Bad)));
        TestFiles.CopyTree(RepoPaths.Case(Good), Path.Combine(root, Good));
        string report = tmp.Sub("report.json");

        CliResult r = CliRunner.Run(["verify", root, "--json", report]);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        string expectedStart = $"case '{Bad}': {b.File}: " + (b.Field.Length == 0 ? "" : $"field '{b.Field}': ");
        Assert.That(r.Stdout, Does.Contain($"FAIL  {Bad}").And.Contain(expectedStart).And.Contain(b.DetailPart), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"PASS  {Good}").And.Contain("verify: 2 cases: 1 PASS, 1 FAIL"), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.That(doc.RootElement.GetProperty("failed").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void A_case_set_aside_by_a_killed_regeneration_fails_verify_instead_of_vanishing()
    {
        using var tmp = new CliTempDir("verify-swap");
        string root = tmp.Sub("cases");
        TestFiles.CopyTree(RepoPaths.Case(Good), Path.Combine(root, Good));
        TestFiles.CopyTree(RepoPaths.Case(Bad), Path.Combine(root, $".rnnparity-tmp-old-{Bad}-abc123"));

        CliResult r = CliRunner.Run(["verify", root]);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"FAIL  {Bad}").And.Contain("interrupted swap").And.Contain("rnnparity regen"), r.Transcript);
        Assert.That(r.Stdout, Does.Contain("verify: 2 cases: 1 PASS, 1 FAIL"), r.Transcript);
    }
}
