using System.Buffers;
using RnnParity.Core.Cells;
using RnnParity.Core.Math;

namespace RnnParity.Core.Recurrent;

/// <summary>Options of the time loop, with Keras's names (<c>keras.layers.RNN</c>).</summary>
/// <remarks>
/// <c>Unroll</c> changes results only under a mask: Keras's unrolled loop (numpy backend) gives a
/// masked step the previous step's output, zeros before the first step, and ignores
/// <c>zero_output_for_mask</c>; the symbolic loop gives it the previous state h, or zeros.
/// </remarks>
/// <para><c>Threads</c> is RnnParity's own: how many threads share the batch rows
/// (0: automatic, see <see cref="RecurrentLoop.AutomaticThreads"/>). It never changes a result.</para>
public readonly record struct LoopOptions(bool ReturnSequences, bool GoBackwards, bool ZeroOutputForMask, bool Unroll = false, int Threads = 0);

/// <summary>
/// The one time loop every recurrent layer shares: sequence order, direction, masking and state
/// (Keras's <c>backend.rnn</c>, numpy backend, <c>unroll=False</c>).
/// </summary>
/// <remarks>
/// Semantics copied from <c>keras/src/backend/numpy/rnn.py</c>:
/// with <c>go_backwards</c> the steps run from the last timestep to the first and the sequence
/// output stays in processing order; at a masked step every state keeps its previous value and the
/// output is the previous h (the state block <see cref="RecurrentCell.OutputBlock"/>: state 0, or a
/// stack's last h), or zeros with <c>zero_output_for_mask</c> (see
/// <see cref="LoopOptions"/> for <c>unroll</c>).
/// All buffers are taken once per call (from the shared array pool); the per-step work allocates nothing.
/// <para>Threads: batch rows never meet in a recurrent layer, so a cell whose rows are independent
/// (<see cref="RecurrentCell.SplitsRows"/>) runs the whole sequence of each range of batch rows on its own
/// thread (<see cref="SequenceSplit"/>): one fork and one join per call, none per step. A row gets the same
/// kernel calls in the same order whatever range it falls in (<see cref="Math.Gemm"/> sums each element in one
/// order whatever the tile; the gate functions are element-wise), so the results are bit-identical for any
/// thread count.</para>
/// </remarks>
public static class RecurrentLoop
{
    /// <summary>Multiply-adds per call (timesteps · batch · (input_dim + units) · gates·units) from which the
    /// automatic choice uses every core: about 20 µs of one core's work, where one fork and join (a few µs)
    /// and each thread packing its own kernels stop costing what the split saves.</summary>
    public const long ParallelWorkThreshold = 1L << 22;

    /// <summary>Time-major rows of input projected at once (whole timesteps, at least one): enough rows
    /// to amortise reading the kernel, few enough that the block is still in cache when its steps run.</summary>
    public const int ProjectionRows = 512;

    /// <summary>Threads the loop uses when <see cref="LoopOptions.Threads"/> is 0: one for tiny
    /// work, a batch of one, or a cell that cannot split its rows; else every core (at most one per row).</summary>
    public static int AutomaticThreads(RecurrentCell cell, int batch, int timesteps)
    {
        if (!cell.SplitsRows || batch < 2) return 1;
        long work = (long)timesteps * batch * (cell.InputDim + cell.Units) * cell.ProjectionWidth;
        return work < ParallelWorkThreshold ? 1 : System.Math.Min(Environment.ProcessorCount, batch);
    }

    static int ThreadCount(RecurrentCell cell, int batch, int timesteps, int threads)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "Threads must be 0 (automatic) or positive.");
        if (threads == 0) return AutomaticThreads(cell, batch, timesteps);
        return cell.SplitsRows ? System.Math.Max(1, System.Math.Min(threads, batch)) : 1;
    }

    /// <summary>Diagnosis only: watches every loop run on this thread (null, the default, costs one
    /// null check per step).</summary>
    [ThreadStatic] public static IStepObserver? Observer;

    /// <param name="cell">the step function and weights.</param>
    /// <param name="inputs">(batch, timesteps, input_dim), row-major.</param>
    /// <param name="mask">(batch, timesteps), true where the step is kept; null for none.</param>
    /// <param name="state">in: initial states (StateCount blocks of batch×units); out: final states.</param>
    /// <param name="output">(batch, timesteps, units) with ReturnSequences, else (batch, units).</param>
    public static void Run(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps,
        ReadOnlySpan<bool> mask, LoopOptions options, Span<float> state, Span<float> output)
    {
        int u = cell.Units, d = cell.InputDim, w = cell.ProjectionWidth;
        int stateLength = cell.StateLength(batch);
        if (inputs.Length != batch * timesteps * d)
            throw new ArgumentException($"inputs have {inputs.Length} values, expected batch {batch} × timesteps {timesteps} × input_dim {d}.", nameof(inputs));
        if (state.Length != stateLength)
            throw new ArgumentException($"state has {state.Length} values, expected {stateLength} ({cell.StateCount} blocks of {batch} rows).", nameof(state));
        int outputLength = options.ReturnSequences ? batch * timesteps * u : batch * u;
        if (output.Length != outputLength)
            throw new ArgumentException($"output has {output.Length} values, expected {outputLength}.", nameof(output));
        if (!mask.IsEmpty && mask.Length != batch * timesteps)
            throw new ArgumentException($"mask has {mask.Length} values, expected batch {batch} × timesteps {timesteps}.", nameof(mask));
        if (timesteps == 0) return;
        int threads = ThreadCount(cell, batch, timesteps, options.Threads);
        // A diagnosis observer watches whole steps of the whole batch: it gets the one-thread loop.
        if (threads > 1 && Observer is null && SequenceSplit.TryRun(cell, inputs, batch, timesteps, mask, options, state, output, threads)) return;
        RunRows(cell, inputs, batch, timesteps, mask, options, state, output);
    }

    /// <summary>The loop on the calling thread, for all of <paramref name="batch"/> rows (the arguments checked).</summary>
    internal static void RunRows(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps,
        ReadOnlySpan<bool> mask, LoopOptions options, Span<float> state, Span<float> output)
    {
        int u = cell.Units, d = cell.InputDim, w = cell.ProjectionWidth;
        int stateLength = cell.StateLength(batch);
        // Scratch from the shared pool: a fresh array per call meant, for long sequences, a
        // large-object-heap allocation, zeroed and later collected by a gen-2 GC, on every forward
        // pass. Every element used is written before it is read, so rented (unzeroed) memory is fine.
        // The input projection is made a block of timesteps at a time, just before the steps read it:
        // O(ProjectionRows) floats instead of T·batch·width (26 MB for an LSTM(256) on 64×100),
        // and a block the steps read while it is still in cache.
        int stepLength = batch * w;
        int blockSteps = (long)timesteps * batch <= ProjectionRows ? timesteps : System.Math.Max(1, ProjectionRows / batch);
        int packedLength = (long)timesteps * batch >= Gemm.PackThreshold ? cell.InputPackLength : 0;
        float[] timeMajor = ArrayPool<float>.Shared.Rent(blockSteps * batch * d);
        // What the kernels stream through (packed weights, projection, states, workspace) starts on a cache line.
        var projection = AlignedBuffer.Rent(blockSteps * stepLength);
        var packedKernel = AlignedBuffer.Rent(packedLength);
        var currentBuffer = AlignedBuffer.Rent(stateLength);
        var nextBuffer = AlignedBuffer.Rent(stateLength);
        var workspace = AlignedBuffer.Rent(cell.WorkspaceLength(batch));
        bool unrolledMask = options.Unroll && !mask.IsEmpty;
        // The unrolled loop's "previous output" starts as zeros, so this one is rented and cleared.
        float[] previousOutput = ArrayPool<float>.Shared.Rent(unrolledMask ? batch * u : 1);
        if (unrolledMask) previousOutput.AsSpan(0, batch * u).Clear();
        try
        {
            if (packedLength > 0) cell.PackInputKernel(packedKernel.Span);

            // Two state buffers used in turn: the step reads one and writes the other, and the roles
            // swap instead of copying the new state back each step.
            state.CopyTo(currentBuffer.Span);
            Span<float> current = currentBuffer.Span, next = nextBuffer.Span;
            Span<float> workspaceSpan = workspace.Span;
            // Where each state block starts and how wide it is (a stack of cells has blocks of several widths).
            int blocks = cell.StateCount;
            Span<int> blockOffset = stackalloc int[blocks], blockWidth = stackalloc int[blocks];
            for (int k = 0; k < blocks; k++) { blockOffset[k] = cell.StateOffset(k, batch); blockWidth[k] = cell.StateWidth(k); }
            int outputOffset = blockOffset[cell.OutputBlock];
            cell.BeginSequence(workspaceSpan, batch);
            IStepObserver? observer = Observer;
            observer?.Begin(cell, inputs, batch, timesteps, mask, options, state);

            for (int s = 0; s < timesteps; s++)
            {
                int t = options.GoBackwards ? timesteps - 1 - s : s;
                int slot = s % blockSteps;
                if (slot == 0)
                {
                    // Time-major rows of the next block, in processing order: row (slot, b) is input (b, t).
                    int steps = System.Math.Min(blockSteps, timesteps - s);
                    for (int j = 0; j < steps; j++)
                    {
                        int tj = options.GoBackwards ? timesteps - 1 - (s + j) : s + j;
                        for (int b = 0; b < batch; b++)
                            inputs.Slice((b * timesteps + tj) * d, d).CopyTo(timeMajor.AsSpan((j * batch + b) * d, d));
                    }
                    cell.ProjectInputs(timeMajor.AsSpan(0, steps * batch * d), steps * batch, projection.Span, packedKernel.Span);
                }
                cell.Step(projection.Slice(slot * stepLength, stepLength), current, next, workspaceSpan, batch);
                for (int b = 0; b < batch; b++)
                {
                    bool kept = mask.IsEmpty || mask[b * timesteps + t];
                    if (!kept)
                        for (int k = 0; k < blocks; k++)
                            current.Slice(blockOffset[k] + b * blockWidth[k], blockWidth[k]).CopyTo(next.Slice(blockOffset[k] + b * blockWidth[k], blockWidth[k]));
                    Span<float> previous = unrolledMask ? previousOutput.AsSpan(b * u, u) : default;
                    if (unrolledMask && kept) next.Slice(outputOffset + b * u, u).CopyTo(previous);
                    if (options.ReturnSequences || s == timesteps - 1)
                    {
                        Span<float> row = options.ReturnSequences ? output.Slice((b * timesteps + s) * u, u) : output.Slice(b * u, u);
                        if (unrolledMask) previous.CopyTo(row);
                        else if (!kept && options.ZeroOutputForMask) row.Clear();
                        else next.Slice(outputOffset + b * u, u).CopyTo(row);
                    }
                }
                observer?.Step(cell, s, next, workspaceSpan, batch);
                Span<float> swap = current;
                current = next;
                next = swap;
            }
            current.CopyTo(state);
        }
        finally
        {
            currentBuffer.Return();
            ArrayPool<float>.Shared.Return(timeMajor);
            projection.Return();
            packedKernel.Return();
            nextBuffer.Return();
            workspace.Return();
            ArrayPool<float>.Shared.Return(previousOutput);
        }
    }
}
