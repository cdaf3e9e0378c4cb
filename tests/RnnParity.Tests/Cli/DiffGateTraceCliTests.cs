using System.Text.Json;
using RnnParity.Cli.Commands;
using RnnParity.Diagnosis;
using RnnParity.Diagnosis.Gates;
using RnnParity.Fixtures.Format;
using RnnParity.Python;
using RnnParity.Tests.Diagnosis.Gates;

namespace RnnParity.Tests.Cli;

/// <summary>
/// <c>diff</c>'s gate trace against the NumPy reference's cells (python/numpy_gate_trace.py): the
/// C# gates equal NumPy's on the Keras cases (the trace finds no bad gate), and a recurrent kernel's
/// gate block scaled on the C# side is named.
/// </summary>
[TestFixture]
public sealed class DiffGateTraceCliTests
{
    static NumpyGateReference RequireNumpy()
    {
        try { PythonLocator.Locate(["numpy"]); }
        catch (PythonUnavailableException e)
        {
            if (Environment.GetEnvironmentVariable("RNNPARITY_REQUIRE_PYTHON") == "1") Assert.Fail(e.Message);
            Assert.Inconclusive(e.Message);
        }
        return new NumpyGateReference(null, faultsAreErrors: true);
    }

    static CaseModel Load(string name) => CaseModel.Load(CaseReader.Load(RepoPaths.KerasCase(name)));

    [TestCase("lstm_sequences", "lstm")]
    [TestCase("gru_reset_after", "gru")]
    [TestCase("gru_reset_before", "gru")]
    [TestCase("masking_gru_sequences", "gru")]
    [TestCase("embedding_mask_zero_lstm", "lstm")]
    [TestCase("simple_rnn_go_backwards", "simple_rnn")]
    [TestCase("simple_rnn_initial_state", "simple_rnn")]
    [TestCase("simple_rnn_relu_nobias", "simple_rnn")]
    [TestCase("bidirectional_simple_rnn_concat", "bidirectional")]
    public void The_csharp_gates_equal_the_numpy_reference(string name, string layer)
    {
        var reference = RequireNumpy();

        var trace = GateTrace.Run(Load(name), layer, reference);

        Assert.That(trace.Layer, Is.EqualTo(layer), trace.Description);
        Assert.That(trace.FirstBad, Is.Null, trace.Description);
        Assert.That(trace.Description, Does.Contain("NumPy reference"));
    }

    [TestCase("lstm_sequences", "lstm", 4, 1, "f")]
    [TestCase("gru_reset_after", "gru", 3, 0, "z")]
    public void A_scaled_recurrent_block_is_named_by_the_numpy_reference(string name, string layer, int blocks, int block, string gate)
    {
        var reference = RequireNumpy();
        var model = Load(name);

        var trace = GateTrace.Run(GateTraceTests.WithBlockScaled(model, "recurrent_kernel", block, blocks), layer, reference, model);

        Assert.That(trace.FirstBad?.FirstBadGate, Is.EqualTo(gate), trace.Description);
        Assert.That(trace.FirstBad!.FirstBadStep, Is.EqualTo(1), trace.Description);
    }
}
