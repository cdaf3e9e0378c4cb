using RnnParity.Core.Tensors;

namespace RnnParity.Core.Cells;

/// <summary>
/// Keras's <c>StackedRNNCells</c> (<c>keras/src/layers/rnn/stacked_rnn_cells.py</c>): one step runs
/// the cells in order, each cell's output h being the next cell's input; the output is the last
/// cell's h. States: every cell's blocks in cell order ([h₁], [h₂, c₂], ...), which a masked step
/// keeps whole, as Keras's loop keeps the nested state.
/// </summary>
/// <remarks>
/// Only the first cell's input is known for all steps, so only its projection is computed ahead;
/// the others project their input inside the step, into the workspace.
/// </remarks>
public sealed class StackedRnnCell : RecurrentCell
{
    readonly RecurrentCell[] _cells;
    readonly int[] _firstBlock;

    public StackedRnnCell(IReadOnlyList<RecurrentCell> cells)
        : base(Last(cells).Units, cells[0].InputDim)
    {
        _cells = [.. cells];
        for (int i = 1; i < _cells.Length; i++)
            if (_cells[i].InputDim != _cells[i - 1].Units)
                throw new ArgumentException($"cell {i} takes input_dim {_cells[i].InputDim}, but cell {i - 1} outputs {_cells[i - 1].Units}.", nameof(cells));
        _firstBlock = new int[_cells.Length];
        for (int i = 1; i < _cells.Length; i++) _firstBlock[i] = _firstBlock[i - 1] + _cells[i - 1].StateCount;
    }

    static RecurrentCell Last(IReadOnlyList<RecurrentCell> cells) =>
        cells is { Count: > 0 } ? cells[^1] : throw new ArgumentException("a stack needs at least one cell.", nameof(cells));

    public IReadOnlyList<RecurrentCell> Cells => _cells;

    public override IReadOnlyList<Variable> Weights => [.. _cells.SelectMany(c => c.Weights)];

    public override int ProjectionWidth => _cells[0].ProjectionWidth;

    public override int StateCount => _firstBlock[^1] + _cells[^1].StateCount;

    public override int StateWidth(int k)
    {
        for (int i = _cells.Length - 1; i >= 0; i--)
            if (k >= _firstBlock[i]) return _cells[i].Units;
        throw new ArgumentOutOfRangeException(nameof(k));
    }

    public override int OutputBlock => _firstBlock[^1];

    public override void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection) => _cells[0].ProjectInputs(x, rows, projection);

    public override int InputPackLength => _cells[0].InputPackLength;

    public override void PackInputKernel(Span<float> packed) => _cells[0].PackInputKernel(packed);

    public override void ProjectInputs(ReadOnlySpan<float> x, int rows, Span<float> projection, ReadOnlySpan<float> packedKernel) =>
        _cells[0].ProjectInputs(x, rows, projection, packedKernel);

    // Each cell's own workspace, then one projection buffer for the cells after the first.
    public override int WorkspaceLength(int batch) =>
        _cells.Sum(c => c.WorkspaceLength(batch)) + _cells.Skip(1).Select(c => batch * c.ProjectionWidth).DefaultIfEmpty(0).Max();

    public override void BeginSequence(Span<float> workspace, int batch)
    {
        int offset = 0;
        foreach (var cell in _cells)
        {
            int length = cell.WorkspaceLength(batch);
            cell.BeginSequence(workspace.Slice(offset, length), batch);
            offset += length;
        }
    }

    public override bool SplitsRows => _cells.All(c => c.SplitsRows);

    public override void Step(ReadOnlySpan<float> projectedInput, ReadOnlySpan<float> state, Span<float> newState, Span<float> workspace, int batch)
    {
        int workspaceOffset = 0, stateOffset = 0;
        foreach (var cell in _cells) workspaceOffset += cell.WorkspaceLength(batch);
        Span<float> projection = workspace.Slice(workspaceOffset);
        workspaceOffset = 0;
        ReadOnlySpan<float> input = projectedInput;
        for (int i = 0; i < _cells.Length; i++)
        {
            var cell = _cells[i];
            int stateLength = cell.StateLength(batch), workspaceLength = cell.WorkspaceLength(batch);
            if (i > 0)
            {
                // The previous cell's new h is this cell's input.
                int pw = cell.ProjectionWidth, previousUnits = _cells[i - 1].Units;
                Span<float> projected = projection.Slice(0, batch * pw);
                ReadOnlySpan<float> previousH = newState.Slice(stateOffset - _cells[i - 1].StateLength(batch), batch * previousUnits);
                cell.ProjectInputs(previousH, batch, projected);
                input = projected;
            }
            var cellState = state.Slice(stateOffset, stateLength);
            var cellNewState = newState.Slice(stateOffset, stateLength);
            var cellWorkspace = workspace.Slice(workspaceOffset, workspaceLength);
            cell.Step(input, cellState, cellNewState, cellWorkspace, batch);
            stateOffset += stateLength;
            workspaceOffset += workspaceLength;
        }
    }
}
