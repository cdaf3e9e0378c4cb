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
/// <para><c>Threads</c> is RnnParity's own: how many threads share each step's batch rows
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
/// <para>Threads: a cell that can (<see cref="RecurrentCell.SplitsRows"/>) runs each step as
/// fixed chunks of batch rows that the threads take in turn. Every output element is still computed by one
/// thread with the same kernel calls in the same order (the products' rows are independent and
/// <see cref="Math.Gemm"/> sums each element in one order whatever the tile), so the results are
/// bit-identical for any thread count.</para>
/// </remarks>
public static class RecurrentLoop
{
    /// <summary>Multiply-adds per step (batch · units · gates·units) from which the automatic choice
    /// uses every core: below it, waking the workers costs about what the split saves.</summary>
    public const long ParallelWorkThreshold = 1L << 20;

    /// <summary>Time-major rows of input projected at once (whole timesteps, at least one): enough rows
    /// to amortise reading the kernel, few enough that the block is still in cache when its steps run.</summary>
    public const int ProjectionRows = 512;

    /// <summary>Threads the loop uses when <see cref="LoopOptions.Threads"/> is 0: one for tiny
    /// work, a batch of one, or a cell that cannot split its rows; else every core (at most one per row).</summary>
    public static int AutomaticThreads(RecurrentCell cell, int batch)
    {
        if (!cell.SplitsRows || batch < 2) return 1;
        long work = (long)batch * cell.Units * cell.ProjectionWidth;
        return work < ParallelWorkThreshold ? 1 : System.Math.Min(Environment.ProcessorCount, batch);
    }

    static int ChunkCount(RecurrentCell cell, int batch, int threads)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "Threads must be 0 (automatic) or positive.");
        if (threads == 0) return AutomaticThreads(cell, batch);
        return cell.SplitsRows ? System.Math.Max(1, System.Math.Min(threads, batch)) : 1;
    }

    /// <summary>Diagnosis only: watches every loop run on this thread (null, the default, costs one
    /// null check per step).</summary>
    [ThreadStatic] public static IStepObserver? Observer;

    /// <summary>Row chunks of a product over <paramref name="rows"/> rows split between <paramref name="threads"/>:
    /// up to four per thread, so that a thread the scheduler delays holds up little, but at least 32 rows
    /// each (one chunk per thread at worst): every chunk streams the whole packed kernel and a chunk of a
    /// few rows leaves the micro-kernel's registers idle (LSTM(128) at batch 32 ran slower on two threads
    /// than on one with chunks of 4 rows). The chunking never changes a result.</summary>
    internal static int Chunks(int rows, int threads)
    {
        int perThread = System.Math.Clamp(rows / (threads * 32), 1, 4);
        return System.Math.Max(1, System.Math.Min(rows, threads * perThread));
    }

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
        StepWorkers? workers = null;
        try
        {
            if (packedLength > 0) cell.PackInputKernel(packedKernel.Span);

            // Two state buffers used in turn: the step reads one and writes the other, and the roles
            // swap instead of copying the new state back each step. Both are arrays (not the
            // caller's span) so that worker threads can reach them.
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
            int threads = ChunkCount(cell, batch, options.Threads);
            int chunks = Chunks(batch, threads);
            workers = threads > 1 ? StepWorkers.TryAcquire(threads - 1) : null;
            var split = workers is null ? null : new RowSplit(cell, batch, chunks, projection, stepLength, currentBuffer, nextBuffer, workspace);
            var projector = workers is null ? null : new InputProjection(cell, timeMajor, projection, packedKernel, Chunks(blockSteps * batch, threads));

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
                    if (projector is null)
                        cell.ProjectInputs(timeMajor.AsSpan(0, steps * batch * d), steps * batch, projection.Span, packedKernel.Span);
                    else { projector.Rows = steps * batch; workers!.Run(projector.Body, projector.Chunks, threads - 1); }
                }
                if (split is null) cell.Step(projection.Slice(slot * stepLength, stepLength), current, next, workspaceSpan, batch);
                else { split.Step = slot; workers!.Run(split.Body, chunks, threads - 1); split.Swap(); }
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
            workers?.Release();
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
