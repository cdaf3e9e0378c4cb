using System.Text.Json;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Cli;

/// <summary>
/// NaN in expected values, through <c>rnnparity verify</c>. The case is numpy_simple_rnn_last: a
/// SimpleRNN(3) over a batch of 8 independent sequences (8, 2, 10) → (8, 3). A NaN in sample 0's input
/// makes all of sample 0's output NaN (tanh of a NaN sum) and leaves samples 1..7 alone, so the honest
/// expected output for that input has NaN exactly in row 0; the NumPy reference confirms it below.
/// </summary>
[TestFixture]
public sealed class VerifyNonFiniteCliTests
{
    const string Name = "numpy_simple_rnn_last";
    const string Output = "run0_out0.npy";
    static readonly long[] Row0 = [0, 1, 2];

    CliTempDir _tmp = null!;
    string _case = "";

    [SetUp]
    public void CopyCase()
    {
        _tmp = new CliTempDir("verify-nan");
        _case = TestFiles.CopyTree(RepoPaths.Case(Name), _tmp.Sub(Name));
        Assert.That(NpyReader.ReadHeader(Path.Combine(_case, "run0_in0.npy")).Shape, Is.EqualTo(new[] { 8, 2, 10 }));
        Assert.That(NpyReader.ReadHeader(Path.Combine(_case, Output)).Shape, Is.EqualTo(new[] { 8, 3 }));
    }

    [TearDown]
    public void Remove() => _tmp.Dispose();

    void NanInputSample0() => CliTestFiles.SetFloat32(Path.Combine(_case, "run0_in0.npy"), [0], _ => float.NaN);

    void NanExpected(params long[] at) => CliTestFiles.SetFloat32(Path.Combine(_case, Output), at, _ => float.NaN);

    [Test]
    public void Expected_NaN_where_CSharp_is_finite_fails_naming_the_output()
    {
        NanExpected(4); // sample 1, unit 1; the input is untouched, so C# computes a finite number there
        CliResult r = CliRunner.Run("verify", _case, "--json", _tmp.Sub("r.json"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"FAIL  {Name}").And.Contain(Output).And.Contain("run 0 output 0"), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(_tmp.Sub("r.json")));
        var c = doc.RootElement.GetProperty("cases")[0];
        Assert.That(c.GetProperty("passed").GetBoolean(), Is.False);
        Assert.That(c.GetProperty("error").GetString(), Does.Contain(Output).And.Contain("NaN"));
    }

    [Test]
    public void NaN_input_with_NaN_expected_in_the_same_row_passes()
    {
        NanInputSample0();
        NanExpected(Row0);
        CliResult r = CliRunner.Run("verify", _case);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"PASS  {Name}"), r.Transcript);
    }

    [Test]
    public void NaN_input_with_finite_expected_fails()
    {
        NanInputSample0(); // C# now produces NaN in row 0, the file still has numbers there
        CliResult r = CliRunner.Run("verify", _case);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"FAIL  {Name}").And.Contain(Output), r.Transcript);
    }

    [Test]
    public void NaN_in_only_part_of_the_row_fails()
    {
        NanInputSample0();
        NanExpected(0, 1); // unit 2 of sample 0 keeps its old finite value, C# gives NaN
        CliResult r = CliRunner.Run("verify", _case);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain(Output), r.Transcript);
    }

    [Test]
    public void Expected_infinity_where_CSharp_is_finite_fails()
    {
        CliTestFiles.SetFloat32(Path.Combine(_case, Output), [7], _ => float.PositiveInfinity);
        CliResult r = CliRunner.Run("verify", _case);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Transcript);
        Assert.That(r.Stdout, Does.Contain($"FAIL  {Name}").And.Contain(Output), r.Transcript);
    }

    [Test]
    public void The_NumPy_reference_agrees_that_row_0_is_NaN()
    {
        CliPython.RequireNumpy();
        NanInputSample0();
        NanExpected(Row0);
        // regen --check recomputes the case with the NumPy reference and compares with NaN == NaN.
        CliResult r = CliRunner.Run("regen", "--check", "--json", _tmp.Sub("regen.json"), _case);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        using var doc = JsonDocument.Parse(File.ReadAllText(_tmp.Sub("regen.json")));
        var c = doc.RootElement.GetProperty("cases")[0];
        // NaN matches NaN; the payload bits of NumPy's NaN and float.NaN may differ, which regen lists
        // as "changed within tolerance" (max ulps 0) and is not drift.
        Assert.That(c.GetProperty("status").GetString(), Is.AnyOf("ok", "changed_within_tolerance"), r.Transcript);
        Assert.That(c.GetProperty("drift").GetBoolean(), Is.False, r.Transcript);
        Assert.That(c.GetProperty("outputs")[0].GetProperty("max_ulps").GetInt64(), Is.Zero, r.Transcript);
        Assert.That(c.GetProperty("outputs")[0].GetProperty("within_tolerance").GetBoolean(), Is.True);

        // ...and a NaN where NumPy computes a number is drift.
        NanExpected(4);
        CliResult drift = CliRunner.Run("regen", "--check", _case);
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.Transcript);
        Assert.That(drift.Stdout, Does.Contain("DRIFT"), drift.Transcript);
    }
}
