using RnnParity.Core.Tensors;
using RnnParity.Diagnosis;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis;

/// <summary>
/// <c>diff</c> names each porting mistake injected into a copy of the computation, both ways: the
/// mistake in the expected values (the case's outputs rewritten), and in the outputs under test
/// (<c>--actual</c>). A scaling that is no known mistake is unexplained; a passing case is none.
/// </summary>
[TestFixture]
public sealed class CaseDiffTests
{
    string _temp = "";

    [SetUp]
    public void MakeTemp() => _temp = TestFiles.NewTempFolder("diff");

    [TearDown]
    public void RemoveTemp() => Directory.Delete(_temp, recursive: true);

    public static IEnumerable<TestCaseData> Injections() =>
        InjectedMistakes.All().Select(i => new TestCaseData(i).SetName($"{{m}}({i.Mistake}, {i.Case})"));

    string CopyCase(string relative) => TestFiles.CopyTree(Path.Combine(RepoPaths.Fixtures, relative), Path.Combine(_temp, Path.GetFileName(relative)));

    static void WriteOutputs(string caseDir, IReadOnlyList<IReadOnlyList<Tensor>> outputs, string? intoDir = null)
    {
        var c = CaseReader.Load(caseDir);
        for (int r = 0; r < c.Runs.Count; r++)
            for (int o = 0; o < c.Runs[r].Outputs.Count; o++)
                NpyWriter.Write(Path.Combine(intoDir ?? caseDir, c.Runs[r].Outputs[o].File), NpyArray.FromTensor(outputs[r][o]));
    }

    [TestCaseSource(nameof(Injections))]
    public void Mistake_in_the_expected_values_is_named(InjectedMistakes.Injection injection)
    {
        string dir = CopyCase(injection.Case);
        WriteOutputs(dir, injection.Outputs(dir));

        DiffResult result = CaseDiff.Run(dir);

        Assert.That(result.Passed, Is.False, "the injected mistake must make the case fail");
        Assert.That(result.LikelyCause.Name, Is.EqualTo(injection.Mistake), result.LikelyCause.Detail);
        Assert.That(result.LikelyCause.Side, Is.EqualTo("expected"));
        Assert.That(result.LikelyCause.Fit, Is.LessThanOrEqualTo(1.0));
    }

    [TestCaseSource(nameof(Injections))]
    public void Mistake_in_the_outputs_under_test_is_named(InjectedMistakes.Injection injection)
    {
        string dir = CopyCase(injection.Case);
        string actual = Directory.CreateDirectory(Path.Combine(_temp, "actual")).FullName;
        WriteOutputs(dir, injection.Outputs(dir), actual);

        DiffResult result = CaseDiff.Run(dir, actual);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.LikelyCause.Name, Is.EqualTo(injection.Mistake), result.LikelyCause.Detail);
        Assert.That(result.LikelyCause.Side, Is.EqualTo("actual"));
        Assert.That(result.FirstBadLayer, Is.Null, "with --actual there are no layers to compare");
    }

    /// <summary>
    /// A real Keras 2 model (wild-models/keras224_seq2seq_encoder_states): its case holds what Keras 3
    /// computes, and <c>run0_out*.keras2.npy</c> what the model computed under Keras 2.2.4's hard_sigmoid.
    /// Either taken as the other is the keras2-hard-sigmoid mistake.
    /// </summary>
    [TestCase(false, TestName = "Keras 2 outputs as the expected values are keras2-hard-sigmoid on the expected side")]
    [TestCase(true, TestName = "Keras 2 outputs under test are keras2-hard-sigmoid on the actual side")]
    public void Keras_2_hard_sigmoid_outputs_are_named(bool asActual)
    {
        string source = Path.Combine(RepoPaths.WildModels, "keras224_seq2seq_encoder_states");
        if (!Directory.Exists(source)) Assert.Inconclusive($"no shared wild model at {source}");
        string dir = TestFiles.CopyTree(source, Path.Combine(_temp, "keras224_seq2seq_encoder_states"));
        string target = asActual ? Directory.CreateDirectory(Path.Combine(_temp, "keras2")).FullName : dir;
        foreach (string file in new[] { "run0_out0", "run0_out1" })
            File.Copy(Path.Combine(dir, file + ".keras2.npy"), Path.Combine(target, file + ".npy"), overwrite: true);

        DiffResult result = CaseDiff.Run(dir, asActual ? target : null);

        Assert.That(result.LikelyCause.Name, Is.EqualTo("keras2-hard-sigmoid"), result.LikelyCause.Detail);
        Assert.That(result.LikelyCause.Side, Is.EqualTo(asActual ? "actual" : "expected"));
    }

    [Test]
    public void A_scaling_that_is_no_known_mistake_is_unexplained()
    {
        string dir = CopyCase("keras/lstm_sequences");
        var outputs = InjectedMistakes.Run(dir);
        WriteOutputs(dir, outputs.Select(r => (IReadOnlyList<Tensor>)r.Select(t => new Tensor(t.Shape, t.Data.Select(v => v * 1.5f).ToArray())).ToList()).ToList());

        DiffResult result = CaseDiff.Run(dir);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.LikelyCause.Name, Is.EqualTo("unexplained"));
        Assert.That(result.LikelyCause.Side, Is.Null);
        Assert.That(result.LikelyCause.Fit, Is.Null);
    }

    [Test]
    public void A_passing_case_has_no_cause_and_no_bad_timestep()
    {
        DiffResult result = CaseDiff.Run(Path.Combine(RepoPaths.Fixtures, "keras", "lstm_sequences"));

        Assert.That(result.Passed, Is.True);
        Assert.That(result.LikelyCause, Is.EqualTo(LikelyCause.None));
        Assert.That(result.Outputs.Select(o => o.FirstBadTimestep), Is.All.Null);
        Assert.That(result.Outputs.Select(o => o.OutOfToleranceCount), Is.All.Zero);
    }

    [Test]
    public void A_one_run_case_takes_outputs_named_as_predict_names_them()
    {
        string dir = CopyCase("keras/lstm_sequences");
        string actual = Directory.CreateDirectory(Path.Combine(_temp, "predicted")).FullName;
        var outputs = InjectedMistakes.Run(dir);
        NpyWriter.Write(Path.Combine(actual, "output_0.npy"), NpyArray.FromTensor(outputs[0][0]));

        DiffResult result = CaseDiff.Run(dir, actual);

        Assert.That(result.Passed, Is.True);
        Assert.That(result.Source, Is.EqualTo(actual));
    }

    [Test]
    public void A_missing_output_under_test_names_the_file_it_wanted()
    {
        string dir = CopyCase("keras/lstm_sequences");
        string actual = Directory.CreateDirectory(Path.Combine(_temp, "empty")).FullName;

        var e = Assert.Throws<FixtureException>(() => CaseDiff.Run(dir, actual))!;

        Assert.That(e.Message, Does.Contain("run0_out0.npy").And.Contain("output_0.npy"));
    }
}
