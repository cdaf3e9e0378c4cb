using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>The verifier must fail, with a message that says where, when a case and the C# result disagree.</summary>
[TestFixture]
public sealed class CaseVerifierFailureTests
{
    string _work = "";

    [SetUp]
    public void CopyCase()
    {
        _work = TestFiles.NewTempFolder("verifier");
        TestFiles.CopyTree(RepoPaths.Case("simple_rnn_return_state"), Path.Combine(_work, "simple_rnn_return_state"));
    }

    [TearDown]
    public void Remove() => Directory.Delete(_work, recursive: true);

    string CaseDir => Path.Combine(_work, "simple_rnn_return_state");

    [Test]
    public void A_changed_expected_value_fails_and_names_the_output_file()
    {
        // Flip one float32 of the state output well beyond atol 1e-6.
        string file = Path.Combine(CaseDir, "run0_out1.npy");
        byte[] bytes = File.ReadAllBytes(file);
        int last = bytes.Length - 4;
        float v = BitConverter.ToSingle(bytes, last) + 0.01f;
        BitConverter.GetBytes(v).CopyTo(bytes, last);
        File.WriteAllBytes(file, bytes);

        CaseResult r = CaseVerifier.Verify(CaseDir);

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Error, Does.Contain("run0_out1.npy").And.Contain("run 0 output 1"));
        Assert.That(r.MaxAbsError, Is.EqualTo(0.01).Within(1e-4));
    }

    [Test]
    public void A_changed_parameter_count_fails_and_names_the_field()
    {
        string json = Path.Combine(CaseDir, "case.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"total_params\": 24", "\"total_params\": 25"));

        CaseResult r = CaseVerifier.Verify(CaseDir);

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Error, Does.Contain("expected.total_params").And.Contain("25").And.Contain("24"));
    }

    [Test]
    public void A_changed_summary_line_fails_and_names_the_line()
    {
        string summary = Path.Combine(CaseDir, "summary.txt");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace("Total params: 24", "Total params: 42"));

        CaseResult r = CaseVerifier.Verify(CaseDir);

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Error, Does.Contain("summary.txt").And.Contain("line 9"));
    }

    [Test]
    public void An_unsupported_layer_fails_with_not_supported_yet_and_its_name()
    {
        string model = Path.Combine(CaseDir, "model.json");
        File.WriteAllText(model, File.ReadAllText(model).Replace("\"class_name\": \"SimpleRNN\"", "\"class_name\": \"SeparableConv2D\""));

        CaseResult r = CaseVerifier.Verify(CaseDir);

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Error, Does.Contain("model.json").And.Contain("not supported yet").And.Contain("SeparableConv2D").And.Contain("simple_rnn"));
    }

    [Test]
    public void A_weight_of_the_wrong_shape_fails_and_names_the_weight()
    {
        File.Copy(Path.Combine(CaseDir, "w01.npy"), Path.Combine(CaseDir, "w00.npy"), overwrite: true);

        CaseResult r = CaseVerifier.Verify(CaseDir);

        Assert.That(r.Passed, Is.False);
        Assert.That(r.Error, Does.Contain("w00.npy").And.Contain("simple_rnn/simple_rnn_cell/kernel").And.Contain("(4, 3)"));
    }
}
