using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// The loop projects the inputs a block of timesteps at a time (<see cref="RecurrentLoop.ProjectionRows"/>
/// time-major rows) with a packed kernel once there are enough rows. A batch large enough for several
/// blocks must give each sequence exactly the bits it gets alone (batch 1: one block, unpacked
/// kernel), forwards and backwards: rows are independent and every element is one fixed fused sum.
/// </summary>
[TestFixture]
public sealed class RecurrentLoopProjectionBlocksTests
{
    const int Steps = 9, InputDim = 11, Units = 24;

    static IEnumerable<TestCaseData> Cells()
    {
        yield return new TestCaseData(new SimpleRnnCell(Units, InputDim, KerasActivations.Get("tanh"))).SetName("SimpleRNN");
        yield return new TestCaseData(new LstmCell(Units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"))).SetName("LSTM");
        yield return new TestCaseData(new GruCell(Units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"))).SetName("GRU");
    }

    [TestCaseSource(nameof(Cells))]
    public void EverySequenceGetsItsOwnBitsInABlockedBatch(RecurrentCell cell)
    {
        // 130 × 9 = 1170 rows: blocks of 3 timesteps (390 rows), the last of them partly used when T is not a multiple.
        const int batch = 130;
        Assert.That((long)batch * Steps, Is.GreaterThan(2 * RecurrentLoop.ProjectionRows), "the batch must span several projection blocks");
        var r = new Random(3);
        ReferenceRnn.RandomWeights(cell, r);
        float[] inputs = ReferenceRnn.RandomValues(r, batch * Steps * InputDim, 2.0);
        float[] initial = ReferenceRnn.RandomValues(r, cell.StateLength(batch));
        foreach (bool goBackwards in new[] { false, true })
        {
            var options = new LoopOptions(true, goBackwards, false, Threads: 1);
            float[] state = (float[])initial.Clone(), output = new float[batch * Steps * Units];
            RecurrentLoop.Run(cell, inputs, batch, Steps, default, options, state, output);
            foreach (int b in new[] { 0, 1, 64, 129 })
            {
                float[] one = new float[cell.StateLength(1)], alone = new float[Steps * Units];
                for (int k = 0; k < cell.StateCount; k++)
                    initial.AsSpan(cell.StateOffset(k, batch) + b * Units, Units).CopyTo(one.AsSpan(cell.StateOffset(k, 1)));
                RecurrentLoop.Run(cell, inputs.AsSpan(b * Steps * InputDim, Steps * InputDim), 1, Steps, default, options, one, alone);
                Assert.That(Bits(output.AsSpan(b * Steps * Units, Steps * Units)), Is.EqualTo(Bits(alone)), $"sequence {b}, go_backwards {goBackwards}");
            }
        }
    }

    static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
