using RnnParity.Cli;
using RnnParity.Cli.Commands;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;

namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>rnnparity predict MODEL_FILE INPUT.npy... --out DIR</c>: outputs in the model's order as
/// output_N.npy; a refused model or input is exit 2 with nothing written.
/// </summary>
[TestFixture]
public sealed class PredictCliTests
{
    static string Keras224 => Path.Combine(RepoPaths.WildModels, "keras224_seq2seq_encoder_states");

    static void RequireShared()
    {
        if (!Directory.Exists(Keras224)) Assert.Inconclusive($"the shared model files are absent: {Keras224}");
    }

    static void AssertOutputs(string outDir, string dir, params string[] expected)
    {
        var fixture = CaseReader.Load(dir);
        Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName), Is.EquivalentTo(expected.Select((_, i) => $"output_{i}.npy")));
        for (int i = 0; i < expected.Length; i++)
        {
            NpyArray actual = NpyReader.Read(Path.Combine(outDir, $"output_{i}.npy"));
            Assert.That(actual.DType, Is.EqualTo(NpyDType.Float32));
            var cmp = ArrayComparison.Compare(NpyReader.Read(Path.Combine(dir, expected[i])), actual.ToTensor(), fixture.Tolerance);
            Assert.That(cmp.Passed, Is.True, $"output_{i}.npy vs {expected[i]}: {cmp.Describe()}");
        }
    }

    [Test]
    public void A_keras2_h5_predicts_what_it_computed_under_keras2_and_says_so()
    {
        RequireShared();
        using var tmp = new CliTempDir("predict");
        string outDir = tmp.Sub("out", "nested");
        CliResult r = CliRunner.Run("predict", Path.Combine(Keras224, "model.h5"), Path.Combine(Keras224, "run0_in0.npy"), "--out", outDir);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("hard_sigmoid").And.Some.Contain("lstm_1.recurrent_activation"), r.Transcript);
        AssertOutputs(outDir, Keras224, "run0_out0.keras2.npy", "run0_out1.keras2.npy");
    }

    [Test]
    public void Keras3_activations_option_predicts_what_keras3_computes()
    {
        RequireShared();
        using var tmp = new CliTempDir("predict");
        // Stale outputs are replaced.
        File.WriteAllText(tmp.Sub("output_0.npy"), "stale");
        int code = PredictCommand.Run(Path.Combine(Keras224, "model.h5"), [Path.Combine(Keras224, "run0_in0.npy")], tmp.Path,
            new KerasLoadOptions { Keras3Activations = true }, TextWriter.Null, TextWriter.Null);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        AssertOutputs(tmp.Path, Keras224, "run0_out0.npy", "run0_out1.npy");
    }

    static (int Code, string Stderr, string OutDir) Refused(string model, string[] inputs, CliTempDir tmp)
    {
        var err = new StringWriter();
        string outDir = tmp.Sub("out");
        int code = PredictCommand.Run(model, inputs, outDir, new KerasLoadOptions(), TextWriter.Null, err);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), err.ToString());
        Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
        return (code, err.ToString(), outDir);
    }

    [Test]
    public void A_corrupt_model_file_is_exit_2_naming_it_with_nothing_written()
    {
        using var tmp = new CliTempDir("predict");
        string model = tmp.Sub("model.keras");
        File.WriteAllBytes(model, [.. "PK\x03\x04"u8, .. new byte[100]]);
        var (_, err, _) = Refused(model, [model], tmp);
        Assert.That(err, Does.Contain(model));
    }

    [Test]
    public void The_wrong_number_of_inputs_is_exit_2()
    {
        RequireShared();
        using var tmp = new CliTempDir("predict");
        string input = Path.Combine(Keras224, "run0_in0.npy");
        var (_, err, _) = Refused(Path.Combine(Keras224, "model.h5"), [input, input], tmp);
        Assert.That(err, Does.Contain("takes 1 input(s)"));
    }

    [Test]
    public void A_float64_input_is_exit_2_saying_what_to_give()
    {
        RequireShared();
        using var tmp = new CliTempDir("predict");
        string input = tmp.Sub("x.npy");
        NpyWriter.Write(input, NpyArray.FromFloat64(new double[4 * 12], 4, 12));
        var (_, err, _) = Refused(Path.Combine(Keras224, "model.h5"), [input], tmp);
        Assert.That(err, Does.Contain("float64").And.Contain("float32"));
    }

    [Test]
    public void An_input_of_the_wrong_shape_is_exit_2()
    {
        RequireShared();
        using var tmp = new CliTempDir("predict");
        string input = tmp.Sub("x.npy");
        NpyWriter.Write(input, NpyArray.FromInt32(new int[4 * 12 * 2], 4, 12, 2));
        var (_, err, _) = Refused(Path.Combine(Keras224, "model.h5"), [input], tmp);
        Assert.That(err, Does.Contain("needs shape"));
    }

    [Test]
    public void A_missing_out_option_is_exit_2()
    {
        RequireShared();
        CliResult r = CliRunner.Run("predict", Path.Combine(Keras224, "model.h5"), Path.Combine(Keras224, "run0_in0.npy"));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
    }
}
