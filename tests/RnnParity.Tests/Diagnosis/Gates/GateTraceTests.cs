using RnnParity.Diagnosis;
using RnnParity.Diagnosis.Gates;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis.Gates;

/// <summary>
/// The gate trace without Python: one gate block of a recurrent kernel is scaled on the C# side only,
/// the reference gets the case's weights, and the trace must name that gate, at step 1 (step 0 starts
/// from the zero state, where the recurrent kernel has no effect). An unchanged model has no bad gate.
/// </summary>
[TestFixture]
public sealed class GateTraceTests
{
    /// <summary>The case with gate block <paramref name="block"/> (of <paramref name="blocks"/>) of a weight scaled by 1.5 on the C# side.</summary>
    internal static CaseModel WithBlockScaled(CaseModel model, string weight, int block, int blocks, bool last = false)
    {
        var weights = model.CopyWeights();
        var list = model.Fixture.Weights.ToList();
        int i = last ? list.FindLastIndex(w => w.Name == weight) : list.FindIndex(w => w.Name == weight);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), $"{weight} is among the case's weights");
        var w = weights[i];
        int width = w.Shape[^1], u = width / blocks;
        for (int k = 0; k < w.Length; k++)
            if (k % width / u == block) w.Data[k] *= 1.5f;
        return model.WithWeights(weights);
    }

    static CaseModel Load(string name) => CaseModel.Load(CaseReader.Load(RepoPaths.KerasCase(name)));

    [TestCase("lstm_sequences", "lstm", 4, 0, "i")]
    [TestCase("lstm_sequences", "lstm", 4, 1, "f")]
    [TestCase("lstm_sequences", "lstm", 4, 2, "c")]
    [TestCase("lstm_sequences", "lstm", 4, 3, "o")]
    [TestCase("gru_reset_after", "gru", 3, 0, "z")]
    [TestCase("gru_reset_after", "gru", 3, 1, "r")]
    [TestCase("gru_reset_after", "gru", 3, 2, "h")]
    [TestCase("gru_reset_before", "gru", 3, 1, "r")]
    [TestCase("simple_rnn_return_state", "simple_rnn", 1, 0, "h")]
    public void A_scaled_recurrent_block_is_named_as_the_first_bad_gate(string name, string layer, int blocks, int block, string gate)
    {
        var model = Load(name);

        var trace = GateTrace.Run(WithBlockScaled(model, "recurrent_kernel", block, blocks), layer, new CSharpGateReference(), model);

        Assert.That(trace.Layer, Is.EqualTo(layer), trace.Description);
        Assert.That(trace.FirstBad?.FirstBadGate, Is.EqualTo(gate), trace.Description);
        Assert.That(trace.FirstBad!.FirstBadStep, Is.EqualTo(1), trace.Description);
        Assert.That(trace.FirstBad.Gates.Single(g => g.Name == gate).MaxAbsError[0], Is.Zero, "step 0 starts from the zero state");
    }

    [TestCase("lstm_sequences", "lstm")]
    [TestCase("gru_reset_after", "gru")]
    [TestCase("masking_gru_sequences", "gru")]
    [TestCase("simple_rnn_go_backwards", "simple_rnn")]
    [TestCase("bidirectional_simple_rnn_concat", "bidirectional")]
    public void An_unchanged_layer_has_no_bad_gate(string name, string layer)
    {
        var model = Load(name);

        var trace = GateTrace.Run(model, layer, new CSharpGateReference());

        Assert.That(trace.Layer, Is.EqualTo(layer), trace.Description);
        Assert.That(trace.FirstBad, Is.Null, trace.Description);
        Assert.That(trace.Description, Does.Contain("every gate and state within tolerance"));
        Assert.That(trace.Directions.SelectMany(d => d.Gates.Concat(d.States)).SelectMany(g => g.MaxAbsError), Is.All.Zero);
    }

    [Test]
    public void A_bidirectional_layer_is_traced_per_direction_and_names_the_backward_one()
    {
        var model = Load("bidirectional_simple_rnn_concat");

        var trace = GateTrace.Run(WithBlockScaled(model, "recurrent_kernel", 0, 1, last: true), "bidirectional", new CSharpGateReference(), model);

        Assert.That(trace.Directions.Select(d => d.Direction), Is.EqualTo(new[] { "forward", "backward" }));
        Assert.That(trace.Directions[0].FirstBadGate, Is.Null, trace.Description);
        Assert.That(trace.FirstBad?.Direction, Is.EqualTo("backward"), trace.Description);
        Assert.That(GateTraceResult.Label(trace.FirstBad!, trace.FirstBad!.FirstBadGate!), Is.EqualTo("backward/h"));
    }

    [Test]
    public void The_first_bad_recurrent_layer_is_traced_and_a_later_dense_falls_back_to_the_layer_before_it()
    {
        var model = Load("stacked_rnn_dense");

        Assert.That(GateTrace.ChooseLayer(model, "lstm"), Is.EqualTo("lstm"));
        Assert.That(GateTrace.ChooseLayer(model, "dense"), Is.EqualTo("lstm"));
        Assert.That(GateTrace.ChooseLayer(model, null), Is.EqualTo("simple_rnn"));
    }

    [Test]
    public void A_layer_that_is_not_recurrent_is_not_traced_and_the_reason_is_given()
    {
        var trace = GateTrace.Run(Load("stacked_rnn_dense"), "dense", new CSharpGateReference());

        Assert.That(trace.Layer, Is.Null);
        Assert.That(trace.Description, Does.StartWith("not run: dense (Dense) is not a SimpleRNN, LSTM or GRU layer"));
    }

    [Test]
    public void Diff_does_not_trace_a_passing_case_nor_outputs_of_another_implementation()
    {
        string dir = RepoPaths.KerasCase("lstm_sequences");
        DiffResult passing = CaseDiff.Run(dir, gateReference: new CSharpGateReference());

        string temp = TestFiles.NewTempFolder("gates");
        try
        {
            var c = CaseReader.Load(dir);
            var data = CaseReader.LoadArray(c, c.Runs[0].Outputs[0].File, "out");
            for (int i = 0; i < data.Length; i++) data.Data[i] *= 2;
            NpyWriter.Write(Path.Combine(temp, c.Runs[0].Outputs[0].File), data);
            DiffResult other = CaseDiff.Run(dir, temp, gateReference: new CSharpGateReference());

            Assert.That(passing.GateTrace!.Layer, Is.Null);
            Assert.That(passing.GateTrace.Description, Does.StartWith("not run: the case passes"));
            Assert.That(other.Passed, Is.False);
            Assert.That(other.GateTrace!.Layer, Is.Null);
            Assert.That(other.GateTrace.Description, Does.StartWith("not applicable"));
        }
        finally { Directory.Delete(temp, recursive: true); }
    }
}
