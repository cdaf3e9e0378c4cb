using System.Text.Json;
using RnnParity.Diagnosis;
using RnnParity.Diagnosis.Report;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis.Gates;

/// <summary>
/// A failing case's gate trace in diff's three outputs: the text line, <c>--json</c>'s
/// <c>gate_trace</c> (per gate, one figure per step) and the report's per-gate plot.
/// </summary>
[TestFixture]
public sealed class GateTraceReportTests
{
    string _temp = "";

    [SetUp]
    public void MakeTemp() => _temp = TestFiles.NewTempFolder("gates-report");

    [TearDown]
    public void RemoveTemp() => Directory.Delete(_temp, recursive: true);

    /// <summary>lstm_sequences with its expected outputs doubled: the case fails, the C# LSTM agrees with the reference.</summary>
    DiffResult FailingLstm()
    {
        string dir = TestFiles.CopyTree(RepoPaths.KerasCase("lstm_sequences"), Path.Combine(_temp, "lstm_sequences"));
        var c = CaseReader.Load(dir);
        var data = CaseReader.LoadArray(c, c.Runs[0].Outputs[0].File, "out");
        for (int i = 0; i < data.Length; i++) data.Data[i] *= 2;
        NpyWriter.Write(c.PathOf(c.Runs[0].Outputs[0].File), data);
        return CaseDiff.Run(dir, gateReference: new CSharpGateReference());
    }

    [Test]
    public void The_json_holds_each_gate_and_state_per_step()
    {
        DiffResult result = FailingLstm();
        using var stream = new MemoryStream();
        DiffJson.Write(stream, result);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var trace = doc.RootElement.GetProperty("gate_trace");
        int steps = result.Outputs[0].ExpectedShape[1];

        Assert.That(result.Passed, Is.False);
        Assert.That(trace.GetProperty("layer").GetString(), Is.EqualTo("lstm"));
        Assert.That(trace.GetProperty("first_bad_gate").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(trace.GetProperty("first_bad_timestep").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(trace.GetProperty("per_gate").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "i", "f", "c", "o" }));
        Assert.That(trace.GetProperty("per_state").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "h_t", "c_t" }));
        Assert.That(trace.GetProperty("per_gate").GetProperty("f").GetArrayLength(), Is.EqualTo(steps));
        Assert.That(doc.RootElement.GetProperty("gate_check").GetString(), Does.Contain("every gate and state within tolerance"));
    }

    [Test]
    public void A_trace_that_did_not_run_is_null_in_the_json_with_the_reason_beside_it()
    {
        DiffResult result = CaseDiff.Run(RepoPaths.KerasCase("lstm_sequences"));
        using var stream = new MemoryStream();
        DiffJson.Write(stream, result);
        using var doc = JsonDocument.Parse(stream.ToArray());

        Assert.That(doc.RootElement.GetProperty("gate_trace").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(doc.RootElement.GetProperty("gate_check").GetString(), Does.StartWith("not run"));
    }

    [Test]
    public void The_text_and_the_report_show_the_trace()
    {
        DiffResult result = FailingLstm();

        string page = HtmlReport.Write(result, 1e-5, Path.Combine(_temp, "report"));

        Assert.That(DiffText.Lines(result), Has.Some.StartWith("  gate trace: lstm against a fresh C# cell"));
        Assert.That(File.ReadAllText(page), Does.Contain("gates_lstm.png"));
        byte[] png = File.ReadAllBytes(Path.Combine(_temp, "report", "gates_lstm.png"));
        Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
    }
}
