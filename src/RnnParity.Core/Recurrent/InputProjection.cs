using RnnParity.Core.Cells;

namespace RnnParity.Core.Recurrent;

/// <summary>
/// The input projection of a block of timesteps (<see cref="RecurrentCell.ProjectInputs(ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float})"/>
/// of <see cref="Rows"/> time-major rows) cut into fixed row ranges that the step workers take in
/// turn. Rows are independent and each element is one fixed fused sum (<see cref="Math.Gemm"/>),
/// so the ranges and the thread count never change a bit. Made once per sequence.
/// </summary>
internal sealed class InputProjection
{
    readonly RecurrentCell _cell;
    readonly float[] _timeMajor;
    readonly AlignedBuffer _projection, _packed;
    readonly int _chunks;

    public InputProjection(RecurrentCell cell, float[] timeMajor, AlignedBuffer projection, AlignedBuffer packed, int chunks)
    {
        (_cell, _timeMajor, _projection, _packed, _chunks) = (cell, timeMajor, projection, packed, chunks);
        Body = Run;
    }

    /// <summary>The range body handed to the workers, one delegate for the whole sequence.</summary>
    public Action<int> Body { get; }

    /// <summary>Row ranges a block is cut into.</summary>
    public int Chunks => _chunks;

    /// <summary>Time-major rows of the current block (timesteps × batch).</summary>
    public int Rows { get; set; }

    /// <summary>Start of range <paramref name="chunk"/>: a multiple of 8 rows (the kernel's tile
    /// height), so that no range but the last ends in single-row tiles.</summary>
    int Boundary(int chunk) => chunk >= _chunks ? Rows : (int)System.Math.Min(Rows, ((long)chunk * Rows / _chunks + 7) / 8 * 8);

    public void Run(int chunk)
    {
        int first = Boundary(chunk), count = Boundary(chunk + 1) - first;
        if (count <= 0) return;
        int d = _cell.InputDim, w = _cell.ProjectionWidth;
        _cell.ProjectInputs(_timeMajor.AsSpan(first * d, count * d), count, _projection.Slice(first * w, count * w), _packed.Span);
    }
}
