using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// <see cref="RecurrentLoop"/>'s sequence semantics with a <see cref="SimpleRnnCell"/>, against the hand-written loop of
/// <see cref="ReferenceRnn.Run"/>: masking keeps the state, zero_output_for_mask zeroes the output, go_backwards keeps
/// outputs in processing order.
/// </summary>
[TestFixture]
public sealed class RecurrentLoopMaskingTests
{
    const int Batch = 3, Steps = 5, InputDim = 4, Units = 3;

    static readonly bool[] Mask =
    [
        true, true, false, true, false,
        false, true, true, false, true,
        true, false, false, false, true,
    ];

    sealed record Setup(SimpleRnnCell Cell, float[] Inputs, float[] Initial);

    static Setup Create(int seed)
    {
        var r = new Random(seed);
        var cell = new SimpleRnnCell(Units, InputDim, KerasActivations.Get("tanh"));
        ReferenceRnn.RandomWeights(cell, r);
        return new Setup(cell, ReferenceRnn.RandomValues(r, Batch * Steps * InputDim), ReferenceRnn.RandomValues(r, Batch * Units));
    }

    static (float[] Output, float[] State) RunLoop(Setup s, bool[]? mask, LoopOptions options)
    {
        float[] state = (float[])s.Initial.Clone();
        var output = new float[options.ReturnSequences ? Batch * Steps * Units : Batch * Units];
        RecurrentLoop.Run(s.Cell, s.Inputs, Batch, Steps, mask, options, state, output);
        return (output, state);
    }

    static (double[][] Outputs, double[][] States) Reference(Setup s, int b, bool[]? mask, bool goBackwards, bool zeroOutput) =>
        ReferenceRnn.Run(ReferenceRnn.SimpleRnn(s.Cell, Math.Tanh), s.Inputs, b, Steps, InputDim,
            [s.Initial.AsSpan(b * Units, Units).ToArray().Select(v => (double)v).ToArray()], mask, goBackwards, zeroOutput);

    [Test]
    public void Sequences_match_the_reference_loop_for_every_option([Values] bool masked, [Values] bool goBackwards, [Values] bool zeroOutput)
    {
        var s = Create(1);
        bool[]? mask = masked ? Mask : null;
        var (output, state) = RunLoop(s, mask, new LoopOptions(true, goBackwards, zeroOutput));
        for (int b = 0; b < Batch; b++)
        {
            var (refOut, refStates) = Reference(s, b, mask, goBackwards, zeroOutput);
            for (int t = 0; t < Steps; t++)
                for (int j = 0; j < Units; j++)
                    Assert.That(output[(b * Steps + t) * Units + j], Is.EqualTo(refOut[t][j]).Within(1e-5), $"b {b} step {t} unit {j}");
            for (int j = 0; j < Units; j++)
                Assert.That(state[b * Units + j], Is.EqualTo(refStates[0][j]).Within(1e-5), $"final state b {b} unit {j}");
        }
    }

    [Test]
    public void Last_output_matches_the_reference_loop([Values] bool goBackwards)
    {
        var s = Create(2);
        var (output, _) = RunLoop(s, Mask, new LoopOptions(false, goBackwards, false));
        for (int b = 0; b < Batch; b++)
        {
            var (refOut, _) = Reference(s, b, Mask, goBackwards, false);
            for (int j = 0; j < Units; j++) Assert.That(output[b * Units + j], Is.EqualTo(refOut[^1][j]).Within(1e-5));
        }
    }

    [Test]
    public void A_masked_step_repeats_the_previous_output()
    {
        var s = Create(3);
        var (output, _) = RunLoop(s, Mask, new LoopOptions(true, false, false));
        for (int b = 0; b < Batch; b++)
            for (int t = 1; t < Steps; t++)
                if (!Mask[b * Steps + t])
                    Assert.That(output.AsSpan((b * Steps + t) * Units, Units).ToArray(),
                        Is.EqualTo(output.AsSpan((b * Steps + t - 1) * Units, Units).ToArray()), $"b {b} step {t}");
    }

    [Test]
    public void A_masked_first_step_outputs_the_initial_state()
    {
        var s = Create(4);
        var (output, _) = RunLoop(s, Mask, new LoopOptions(true, false, false));
        // Batch item 1 is masked at step 0.
        Assert.That(output.AsSpan(1 * Steps * Units, Units).ToArray(), Is.EqualTo(s.Initial.AsSpan(Units, Units).ToArray()));
    }

    [Test]
    public void Zero_output_for_mask_gives_exact_zeros_at_masked_steps()
    {
        var s = Create(5);
        var (output, _) = RunLoop(s, Mask, new LoopOptions(true, false, true));
        for (int i = 0; i < Mask.Length; i++)
        {
            var row = output.AsSpan(i * Units, Units).ToArray();
            if (Mask[i]) Assert.That(row, Has.Some.Not.EqualTo(0f), $"kept step {i}");
            else Assert.That(row, Is.All.EqualTo(0f), $"masked step {i}");
        }
    }

    [Test]
    public void Go_backwards_first_output_is_the_step_on_the_last_timestep()
    {
        var s = Create(6);
        var (output, _) = RunLoop(s, null, new LoopOptions(true, true, false));
        var step = ReferenceRnn.SimpleRnn(s.Cell, Math.Tanh);
        for (int b = 0; b < Batch; b++)
        {
            double[] x = s.Inputs.AsSpan((b * Steps + Steps - 1) * InputDim, InputDim).ToArray().Select(v => (double)v).ToArray();
            double[] h0 = s.Initial.AsSpan(b * Units, Units).ToArray().Select(v => (double)v).ToArray();
            double[] expected = step(x, [h0])[0];
            for (int j = 0; j < Units; j++) Assert.That(output[b * Steps * Units + j], Is.EqualTo(expected[j]).Within(1e-5));
        }
    }

    [Test]
    public void An_all_masked_sequence_returns_the_initial_state([Values] bool returnSequences)
    {
        var s = Create(7);
        var (output, state) = RunLoop(s, new bool[Batch * Steps], new LoopOptions(returnSequences, false, false));
        Assert.That(state, Is.EqualTo(s.Initial));
        Assert.That(output.AsSpan(output.Length - Units, Units).ToArray(), Is.EqualTo(s.Initial.AsSpan((Batch - 1) * Units, Units).ToArray()));
    }

    [Test]
    public void An_all_masked_lstm_sequence_keeps_both_states()
    {
        var r = new Random(8);
        var cell = new LstmCell(Units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
        ReferenceRnn.RandomWeights(cell, r);
        float[] initial = ReferenceRnn.RandomValues(r, 2 * Batch * Units);
        float[] state = (float[])initial.Clone();
        RecurrentLoop.Run(cell, ReferenceRnn.RandomValues(r, Batch * Steps * InputDim), Batch, Steps, new bool[Batch * Steps],
            new LoopOptions(false, false, false), state, new float[Batch * Units]);
        Assert.That(state, Is.EqualTo(initial));
    }

    [Test]
    public void Buffers_of_the_wrong_size_are_refused()
    {
        var s = Create(9);
        var ok = new LoopOptions(false, false, false);
        Assert.Throws<ArgumentException>(() => RecurrentLoop.Run(s.Cell, new float[7], Batch, Steps, default, ok, new float[Batch * Units], new float[Batch * Units]));
        Assert.Throws<ArgumentException>(() => RecurrentLoop.Run(s.Cell, s.Inputs, Batch, Steps, default, ok, new float[1], new float[Batch * Units]));
        Assert.Throws<ArgumentException>(() => RecurrentLoop.Run(s.Cell, s.Inputs, Batch, Steps, default, ok, new float[Batch * Units], new float[Batch * Steps * Units]));
        Assert.Throws<ArgumentException>(() => RecurrentLoop.Run(s.Cell, s.Inputs, Batch, Steps, new bool[3], ok, new float[Batch * Units], new float[Batch * Units]));
    }
}
