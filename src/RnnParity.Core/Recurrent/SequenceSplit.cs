using System.Buffers;
using RnnParity.Core.Cells;

namespace RnnParity.Core.Recurrent;

/// <summary>
/// One call of the loop cut into ranges of batch rows (range c: rows c·batch/ranges up to
/// (c+1)·batch/ranges), each run from the first timestep to the last by <see cref="RecurrentLoop.RunRows"/>
/// on whichever thread takes it, with its own scratch, packed kernels and states.
/// </summary>
/// <remarks>
/// Why whole sequences and not steps: the earlier split cut every step into row chunks and joined the
/// threads after each one; a step of a typical layer (LSTM(128), batch 32) is 15–30 µs and the join,
/// plus the cache lines of the projection and states that the other core had written, cost 8 µs of it.
/// Rows of a recurrent layer never meet, so no step needs the other rows: each range is a complete,
/// smaller batch. The caller's spans are pinned for the duration of the call (workers cannot hold spans).
/// </remarks>
internal sealed unsafe class SequenceSplit
{
    readonly RecurrentCell _cell;
    readonly float* _inputs, _state, _output;
    readonly bool* _mask;
    readonly int _batch, _timesteps, _ranges;
    readonly LoopOptions _options;

    SequenceSplit(RecurrentCell cell, float* inputs, bool* mask, float* state, float* output, int batch, int timesteps, LoopOptions options, int ranges)
    {
        _cell = cell;
        _inputs = inputs;
        _mask = mask;
        _state = state;
        _output = output;
        (_batch, _timesteps, _options, _ranges) = (batch, timesteps, options, ranges);
    }

    /// <summary>Runs the sequence as <paramref name="threads"/> row ranges on the step workers; false
    /// (nothing done) when another sequence holds the workers, and the caller runs it alone.</summary>
    public static bool TryRun(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps,
        ReadOnlySpan<bool> mask, LoopOptions options, Span<float> state, Span<float> output, int threads)
    {
        var workers = StepWorkers.TryAcquire(threads - 1);
        if (workers is null) return false;
        try
        {
            fixed (float* pInputs = inputs, pState = state, pOutput = output)
            fixed (bool* pMask = mask)
            {
                var split = new SequenceSplit(cell, pInputs, mask.IsEmpty ? null : pMask, pState, pOutput, batch, timesteps, options, threads);
                workers.Run(split.RunRange, threads, threads - 1);
            }
        }
        finally { workers.Release(); }
        return true;
    }

    void RunRange(int range)
    {
        int first = (int)((long)range * _batch / _ranges), rows = (int)((long)(range + 1) * _batch / _ranges) - first;
        if (rows == 0) return;
        int t = _timesteps, u = _cell.Units;
        var inputs = new ReadOnlySpan<float>(_inputs + (long)first * t * _cell.InputDim, rows * t * _cell.InputDim);
        var mask = _mask is null ? default : new ReadOnlySpan<bool>(_mask + (long)first * t, rows * t);
        var output = _options.ReturnSequences
            ? new Span<float>(_output + (long)first * t * u, rows * t * u)
            : new Span<float>(_output + (long)first * u, rows * u);
        // The range's states as a batch of its own: each (batch, width) block cut to its rows.
        float[] state = ArrayPool<float>.Shared.Rent(_cell.StateLength(rows));
        try
        {
            for (int k = 0; k < _cell.StateCount; k++) Block(k, first, rows).CopyTo(state.AsSpan(_cell.StateOffset(k, rows), rows * _cell.StateWidth(k)));
            RecurrentLoop.RunRows(_cell, inputs, rows, t, mask, _options, state.AsSpan(0, _cell.StateLength(rows)), output);
            for (int k = 0; k < _cell.StateCount; k++) state.AsSpan(_cell.StateOffset(k, rows), rows * _cell.StateWidth(k)).CopyTo(Block(k, first, rows));
        }
        finally { ArrayPool<float>.Shared.Return(state); }
    }

    /// <summary>Rows <paramref name="first"/> … of state block <paramref name="k"/> in the caller's states.</summary>
    Span<float> Block(int k, int first, int rows)
    {
        int width = _cell.StateWidth(k);
        return new Span<float>(_state + _cell.StateOffset(k, _batch) + (long)first * width, rows * width);
    }
}
