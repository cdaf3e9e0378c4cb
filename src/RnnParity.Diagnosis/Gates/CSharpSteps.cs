using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.Gates;

/// <summary>
/// Records the first loop run of each watched cell (<see cref="RecurrentLoop.Observer"/>): what the
/// loop was given, and each step's gates (<see cref="RecurrentCell.ReadGates"/>) and states.
/// </summary>
internal sealed class CSharpSteps(IReadOnlyCollection<RecurrentCell> cells) : IStepObserver
{
    internal sealed class Recording(RecurrentCell cell, Tensor inputs, bool[]? mask, LoopOptions options, IReadOnlyList<Tensor> initialStates)
    {
        public RecurrentCell Cell { get; } = cell;
        public Tensor Inputs { get; } = inputs;
        public bool[]? Mask { get; } = mask;
        public LoopOptions Options { get; } = options;
        public IReadOnlyList<Tensor> InitialStates { get; } = initialStates;
        public List<float[]> Gates { get; } = [];
        public List<float[]> States { get; } = [];
        public bool Done { get; set; }
    }

    readonly Dictionary<RecurrentCell, Recording> _recordings = [];
    Recording? _current;

    public Recording? Of(RecurrentCell cell) => _recordings.GetValueOrDefault(cell);

    public void Begin(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps, ReadOnlySpan<bool> mask, LoopOptions options, ReadOnlySpan<float> initialState)
    {
        if (_current is not null) _current.Done = true;
        _current = null;
        // Only a watched cell's first call: a shared layer's or a later run's calls start from other inputs.
        if (!cells.Contains(cell) || _recordings.ContainsKey(cell)) return;
        var states = new List<Tensor>();
        for (int k = 0; k < cell.StateCount; k++)
            states.Add(new Tensor([batch, cell.StateWidth(k)], initialState.Slice(cell.StateOffset(k, batch), batch * cell.StateWidth(k)).ToArray()));
        _current = new Recording(cell, new Tensor([batch, timesteps, cell.InputDim], inputs.ToArray()), mask.IsEmpty ? null : mask.ToArray(), options, states);
        _recordings[cell] = _current;
    }

    public void Step(RecurrentCell cell, int step, ReadOnlySpan<float> states, ReadOnlySpan<float> workspace, int batch)
    {
        if (_current is null || _current.Done || _current.Cell != cell) return;
        var gates = new float[batch * cell.ProjectionWidth];
        cell.ReadGates(workspace, states, batch, gates);
        _current.Gates.Add(gates);
        _current.States.Add(states.ToArray());
    }
}
