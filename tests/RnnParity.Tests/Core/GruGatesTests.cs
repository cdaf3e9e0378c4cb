using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// A GRU (reset_after=True) with Keras's default activations takes the one-pass gate path (GruGates); the same
/// functions under other instances take the pass-per-function path. Both must give the same bits: outputs,
/// final states and the gates the diagnosis reads back.
/// </summary>
[TestFixture]
public sealed class GruGatesTests
{
    const int Batch = 5, Steps = 4, InputDim = 7;

    [TestCase(16)]
    [TestCase(64)]
    [TestCase(8)]
    [TestCase(3)]
    [TestCase(37)]
    public void DefaultsInOnePassGiveTheBitsOfOnePassPerFunction(int units)
    {
        var fused = new GruCell(units, InputDim, KerasActivations.Tanh, KerasActivations.Sigmoid, resetAfter: true);
        var passes = new GruCell(units, InputDim, new ElementwiseActivation("tanh", VectorMath.Tanh), new ElementwiseActivation("sigmoid", VectorMath.Sigmoid), resetAfter: true);
        var r = new Random(units);
        ReferenceRnn.RandomWeights(fused, r);
        for (int i = 0; i < fused.Weights.Count; i++) fused.Weights[i].Data.CopyTo(passes.Weights[i].Data, 0);
        float[] inputs = ReferenceRnn.RandomValues(r, Batch * Steps * InputDim, 2.0);
        float[] initial = ReferenceRnn.RandomValues(r, fused.StateLength(Batch));

        var (outFused, stateFused) = Run(fused, inputs, initial);
        var (outPasses, statePasses) = Run(passes, inputs, initial);
        Assert.That(Bits(outFused), Is.EqualTo(Bits(outPasses)), "output");
        Assert.That(Bits(stateFused), Is.EqualTo(Bits(statePasses)), "final state");
        Assert.That(outFused.Any(v => v != 0f), Is.True, "nothing was computed");

        // One step by hand, then the gates as the gate trace reads them.
        float[] projection = new float[Batch * fused.ProjectionWidth];
        fused.ProjectInputs(inputs.AsSpan(0, Batch * InputDim), Batch, projection);
        float[] gatesFused = Step(fused, projection, initial), gatesPasses = Step(passes, projection, initial);
        Assert.That(Bits(gatesFused), Is.EqualTo(Bits(gatesPasses)), "gates read back by ReadGates");
    }

    static float[] Step(GruCell cell, float[] projection, float[] state)
    {
        float[] workspace = new float[cell.WorkspaceLength(Batch)], next = new float[state.Length], gates = new float[Batch * cell.ProjectionWidth];
        cell.BeginSequence(workspace, Batch);
        cell.Step(projection, state, next, workspace, Batch);
        cell.ReadGates(workspace, next, Batch, gates);
        return gates;
    }

    static (float[] Output, float[] State) Run(RecurrentCell cell, float[] inputs, float[] initial)
    {
        float[] state = (float[])initial.Clone(), output = new float[Batch * Steps * cell.Units];
        RecurrentLoop.Run(cell, inputs, Batch, Steps, default, new LoopOptions(true, false, false, Threads: 1), state, output);
        return (output, state);
    }

    static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
