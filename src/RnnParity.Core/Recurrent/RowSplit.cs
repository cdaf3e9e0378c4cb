using RnnParity.Core.Cells;

namespace RnnParity.Core.Recurrent;

/// <summary>
/// One sequence's step cut into fixed chunks of batch rows (chunk c: rows c·batch/chunks up to
/// (c+1)·batch/chunks), each run by <see cref="RecurrentCell.StepRows"/> on whichever thread takes it.
/// Made once per sequence; the loop sets <see cref="Step"/> and swaps the state buffers in step
/// with its own spans.
/// </summary>
internal sealed class RowSplit
{
    readonly RecurrentCell _cell;
    readonly int _batch, _chunks, _stepLength;
    readonly AlignedBuffer _projection, _workspace;
    AlignedBuffer _current, _next;

    public RowSplit(RecurrentCell cell, int batch, int chunks, AlignedBuffer projection, int stepLength,
        AlignedBuffer current, AlignedBuffer next, AlignedBuffer workspace)
    {
        (_cell, _batch, _chunks, _projection, _stepLength) = (cell, batch, chunks, projection, stepLength);
        (_current, _next, _workspace) = (current, next, workspace);
        Body = Run;
    }

    /// <summary>The chunk body handed to the workers, one delegate for the whole sequence.</summary>
    public Action<int> Body { get; }

    /// <summary>The timestep whose projection the next run reads.</summary>
    public int Step { get; set; }

    public void Swap() => (_current, _next) = (_next, _current);

    void Run(int chunk)
    {
        int first = (int)((long)chunk * _batch / _chunks), end = (int)((long)(chunk + 1) * _batch / _chunks);
        _cell.StepRows(_projection.Slice(Step * _stepLength, _stepLength), _current.Span, _next.Span, _workspace.Span, _batch, first, end - first);
    }
}
