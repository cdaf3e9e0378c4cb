using System.Buffers;
using RnnParity.Core.Cells;

namespace RnnParity.Core.Recurrent;

/// <summary>Options of the time loop, with Keras's names (<c>keras.layers.RNN</c>).</summary>
/// <remarks>
/// <c>Unroll</c> changes results only under a mask: Keras's unrolled loop (numpy backend) gives a
/// masked step the previous step's output, zeros before the first step, and ignores
/// <c>zero_output_for_mask</c>; the symbolic loop gives it the previous state h, or zeros.
/// </remarks>
public readonly record struct LoopOptions(bool ReturnSequences, bool GoBackwards, bool ZeroOutputForMask, bool Unroll = false);

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
/// </remarks>
public static class RecurrentLoop
{
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

        // Scratch from the shared pool: the projection alone is T·batch·width floats (26 MB for an
        // LSTM(256) on 64×100), and a fresh array per call meant a large-object-heap allocation,
        // zeroed and later collected by a gen-2 GC, on every forward pass. Every element used is
        // written before it is read, so rented (unzeroed) memory is fine.
        int stepLength = batch * w;
        float[] timeMajor = ArrayPool<float>.Shared.Rent(inputs.Length);
        float[] projection = ArrayPool<float>.Shared.Rent(timesteps * stepLength);
        float[] nextBuffer = ArrayPool<float>.Shared.Rent(stateLength);
        float[] workspace = ArrayPool<float>.Shared.Rent(System.Math.Max(1, cell.WorkspaceLength(batch)));
        bool unrolledMask = options.Unroll && !mask.IsEmpty;
        // The unrolled loop's "previous output" starts as zeros, so this one is rented and cleared.
        float[] previousOutput = ArrayPool<float>.Shared.Rent(unrolledMask ? batch * u : 1);
        if (unrolledMask) previousOutput.AsSpan(0, batch * u).Clear();
        try
        {
            // Time-major copy of the inputs so that one product projects every step and step t reads a
            // contiguous (batch × width) block.
            for (int b = 0; b < batch; b++)
                for (int t = 0; t < timesteps; t++)
                    inputs.Slice((b * timesteps + t) * d, d).CopyTo(timeMajor.AsSpan((t * batch + b) * d, d));
            cell.ProjectInputs(timeMajor.AsSpan(0, inputs.Length), timesteps * batch, projection);

            // Two state buffers used in turn (the caller's and one scratch): the step reads one and
            // writes the other, and the roles swap instead of copying the new state back each step.
            Span<float> current = state, next = nextBuffer.AsSpan(0, stateLength);
            bool currentIsCallers = true;
            Span<float> workspaceSpan = workspace.AsSpan(0, cell.WorkspaceLength(batch));
            // Where each state block starts and how wide it is (a stack of cells has blocks of several widths).
            int blocks = cell.StateCount;
            Span<int> blockOffset = stackalloc int[blocks], blockWidth = stackalloc int[blocks];
            for (int k = 0; k < blocks; k++) { blockOffset[k] = cell.StateOffset(k, batch); blockWidth[k] = cell.StateWidth(k); }
            int outputOffset = blockOffset[cell.OutputBlock];
            cell.BeginSequence(workspaceSpan, batch);

            for (int s = 0; s < timesteps; s++)
            {
                int t = options.GoBackwards ? timesteps - 1 - s : s;
                cell.Step(projection.AsSpan(t * stepLength, stepLength), current, next, workspaceSpan, batch);
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
                Span<float> swap = current;
                current = next;
                next = swap;
                currentIsCallers = !currentIsCallers;
            }
            // The final states must end up in the caller's span.
            if (!currentIsCallers) current.CopyTo(state);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(timeMajor);
            ArrayPool<float>.Shared.Return(projection);
            ArrayPool<float>.Shared.Return(nextBuffer);
            ArrayPool<float>.Shared.Return(workspace);
            ArrayPool<float>.Shared.Return(previousOutput);
        }
    }
}
