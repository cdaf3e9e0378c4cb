using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// <see cref="LoopOptions.Threads"/> never changes a result: every cell, with and without a mask,
/// forwards and backwards, gives the same bits at 1, 2 and 3 threads (outputs and final states).
/// Odd batch sizes make the row ranges uneven (batch 5 on 3 threads: ranges of 1, 2 and 2 rows, so a
/// row meets different tile heights of the product); the widths exercise the packed 32-column panels,
/// the unpacked tail columns and short rows.
/// </summary>
[TestFixture]
public sealed class RecurrentLoopThreadsTests
{
    const int Steps = 6, InputDim = 9;

    static IEnumerable<TestCaseData> Cells()
    {
        // (90, 40): 540 time-major rows, so the input projection runs in two blocks of timesteps with a packed kernel.
        foreach (var (batch, units) in new[] { (7, 40), (5, 3), (90, 40) })
        {
            string size = $"batch {batch}, units {units}";
            yield return Case($"SimpleRNN tanh, {size}", batch, new SimpleRnnCell(units, InputDim, KerasActivations.Get("tanh")));
            yield return Case($"SimpleRNN softmax, {size}", batch, new SimpleRnnCell(units, InputDim, KerasActivations.Get("softmax")));
            yield return Case($"LSTM, {size}", batch, new LstmCell(units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")));
            yield return Case($"LSTM no bias, {size}", batch, new LstmCell(units, InputDim, KerasActivations.Get("relu"), KerasActivations.Get("hard_sigmoid"), useBias: false));
            yield return Case($"GRU reset_after, {size}", batch, new GruCell(units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"), resetAfter: true));
            yield return Case($"GRU reset_before, {size}", batch, new GruCell(units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"), resetAfter: false));
            yield return Case($"stacked LSTM→GRU, {size}", batch, new StackedRnnCell(
            [
                new LstmCell(units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")),
                new GruCell(units + 1, units, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")),
            ]));
        }
        // ConvLSTM1D on frames of 3 positions × 3 channels (input_dim 9), 4 filters, kernel 3, 'same'.
        var frames = new ConvolutionGeometry([3], [3], [3], [1], [1], [1]);
        yield return Case("ConvLSTM1D, batch 7", 7, new ConvLstmCell(4, 3, frames, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"), useBias: true));
        // A recurrent kernel above 1 MB (Gemm walks it in column blocks).
        yield return Case("LSTM, batch 70, units 260", 70, new LstmCell(260, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid")));
    }

    static TestCaseData Case(string name, int batch, RecurrentCell cell) => new TestCaseData(cell, batch).SetName(name);

    static void Randomise(RecurrentCell cell, Random r)
    {
        if (cell is StackedRnnCell stack) foreach (var c in stack.Cells) ReferenceRnn.RandomWeights(c, r);
        else ReferenceRnn.RandomWeights(cell, r);
    }

    static (float[] Output, float[] State) Run(RecurrentCell cell, float[] inputs, float[] initial, bool[]? mask, int batch, bool goBackwards, int threads,
        bool returnSequences = true, bool unroll = false)
    {
        float[] state = (float[])initial.Clone();
        var output = new float[batch * (returnSequences ? Steps : 1) * cell.Units];
        RecurrentLoop.Run(cell, inputs, batch, Steps, mask, new LoopOptions(returnSequences, goBackwards, false, unroll, Threads: threads), state, output);
        return (output, state);
    }

    [TestCaseSource(nameof(Cells))]
    public void SameBitsAtOneTwoAndThreeThreads(RecurrentCell cell, int batch)
    {
        var r = new Random(11);
        Randomise(cell, r);
        Assert.That(cell.SplitsRows, Is.True, "the cell must take the threaded path for this test to mean anything");
        float[] inputs = ReferenceRnn.RandomValues(r, batch * Steps * InputDim, 2.0);
        float[] initial = ReferenceRnn.RandomValues(r, cell.StateLength(batch));
        bool[] mask = [.. Enumerable.Range(0, batch * Steps).Select(_ => r.NextDouble() < 0.7)];
        // Each range of rows writes its own part of the output: the last step's rows or whole sequences, and
        // the unrolled loop's masked steps repeat a per-row previous output.
        foreach (var (m, goBackwards, returnSequences, unroll) in new[]
        {
            (null, false, true, false), (null, true, true, false), (mask, false, true, false), (mask, true, true, false),
            (mask, false, false, false), (null, true, false, false), (mask, false, true, true), (mask, true, false, true),
        })
            {
                var (output1, state1) = Run(cell, inputs, initial, m, batch, goBackwards, threads: 1, returnSequences, unroll);
                Assert.That(output1.Any(v => v != 0f), Is.True, "the one-thread run computed nothing");
                foreach (int threads in new[] { 2, 3 })
                {
                    var (output, state) = Run(cell, inputs, initial, m, batch, goBackwards, threads, returnSequences, unroll);
                    string where = $"{threads} threads, mask {(m is null ? "none" : "random")}, go_backwards {goBackwards}, return_sequences {returnSequences}, unroll {unroll}";
                    Assert.That(Bits(output), Is.EqualTo(Bits(output1)), $"output, {where}");
                    Assert.That(Bits(state), Is.EqualTo(Bits(state1)), $"final state, {where}");
                }
            }
    }

    static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    /// <summary>Sequences started from several threads at once share one worker pool; the ones that
    /// find it busy run on their own thread. Either way the bits must not move.</summary>
    [Test]
    public void ConcurrentSequencesGiveTheSameBits()
    {
        const int batch = 6;
        var cell = new LstmCell(40, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
        var r = new Random(5);
        ReferenceRnn.RandomWeights(cell, r);
        float[] inputs = ReferenceRnn.RandomValues(r, batch * Steps * InputDim, 2.0);
        float[] initial = ReferenceRnn.RandomValues(r, cell.StateLength(batch));
        var (expected, _) = Run(cell, inputs, initial, null, batch, false, threads: 1);
        var results = new int[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int[]? last = null;
            for (int repeat = 0; repeat < 20; repeat++) last = Bits(Run(cell, inputs, initial, null, batch, false, threads: 2 + i % 2).Output);
            results[i] = last!;
        });
        foreach (int[] bits in results) Assert.That(bits, Is.EqualTo(Bits(expected)));
    }

    [Test]
    public void AutomaticChoiceKeepsTinyWorkAndSingleRowsOnOneThread()
    {
        var tiny = new LstmCell(8, 4, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
        var large = new LstmCell(512, 4, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"));
        Assert.That(RecurrentLoop.AutomaticThreads(tiny, 32, 10), Is.EqualTo(1), "LSTM(8), batch 32, 10 steps");
        Assert.That(RecurrentLoop.AutomaticThreads(large, 1, 200), Is.EqualTo(1), "a single row cannot be split");
        Assert.That(RecurrentLoop.AutomaticThreads(large, 64, 200), Is.EqualTo(Math.Min(Environment.ProcessorCount, 64)));
        Assert.That(RecurrentLoop.AutomaticThreads(tiny, 32, 1000), Is.EqualTo(Math.Min(Environment.ProcessorCount, 32)),
            "small steps but a long sequence: the one fork per call pays off");
    }

    [Test]
    public void NegativeThreadCountIsRefused()
    {
        var cell = new SimpleRnnCell(3, InputDim, KerasActivations.Get("tanh"));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Run(cell, new float[2 * Steps * InputDim], new float[2 * 3], null, 2, false, threads: -1));
    }
}
