using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;

namespace RnnParity.Tests.Core;

/// <summary>
/// Nothing is allocated per timestep: the bytes one <see cref="RecurrentLoop.Run"/> allocates on the calling
/// thread (scratch comes from the shared pool) are the same for 10 and 300 timesteps, on one thread and
/// split over threads. Not a timing: an allocation count does not depend on the machine's load.
/// </summary>
/// <remarks>Alone: a loop in a fixture running beside it could hold the worker pool (this call would then run
/// on one thread and allocate differently) or take arrays from the pool's shared per-core stacks.</remarks>
[TestFixture]
[NonParallelizable]
public sealed class RecurrentLoopAllocationTests
{
    const int Batch = 8, InputDim = 6, Units = 16;

    static IEnumerable<TestCaseData> Cells()
    {
        yield return new TestCaseData(new SimpleRnnCell(Units, InputDim, KerasActivations.Get("tanh"))).SetName("SimpleRNN");
        yield return new TestCaseData(new LstmCell(Units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"))).SetName("LSTM");
        yield return new TestCaseData(new GruCell(Units, InputDim, KerasActivations.Get("tanh"), KerasActivations.Get("sigmoid"))).SetName("GRU");
    }

    [TestCaseSource(nameof(Cells))]
    public void BytesPerCallDoNotGrowWithTimesteps(RecurrentCell cell)
    {
        ReferenceRnn.RandomWeights(cell, new Random(2));
        foreach (int threads in new[] { 1, 2 })
        {
            long[] bytes = [.. new[] { 10, 300 }.Select(t => BytesOfOneCall(cell, t, threads))];
            Assert.That(bytes[1], Is.EqualTo(bytes[0]), $"{threads} thread(s): bytes allocated by one call at T = 10 and T = 300");
        }
    }

    static long BytesOfOneCall(RecurrentCell cell, int timesteps, int threads)
    {
        float[] inputs = new float[Batch * timesteps * InputDim], state = new float[cell.StateLength(Batch)], output = new float[Batch * timesteps * Units];
        var options = new LoopOptions(true, false, false, Threads: threads);
        // Warm: JIT, static initialisers, the pool's buckets and the worker threads allocate once.
        for (int i = 0; i < 3; i++) RecurrentLoop.Run(cell, inputs, Batch, timesteps, default, options, state, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        RecurrentLoop.Run(cell, inputs, Batch, timesteps, default, options, state, output);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
