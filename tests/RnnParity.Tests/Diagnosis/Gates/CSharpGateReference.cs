using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Gates;

namespace RnnParity.Tests.Diagnosis.Gates;

/// <summary>
/// A gate reference without Python: a fresh C# cell built from the request alone (kind, activations,
/// weights) run through the loop, its steps read as the trace reads them. It checks the trace's
/// plumbing (which weights and inputs reach the reference, how steps are compared), not the math,
/// which the NumPy reference tests (Cli/DiffGateTraceCliTests) check.
/// </summary>
internal sealed class CSharpGateReference : IGateReference
{
    public string Name => "a fresh C# cell";

    sealed class Recorder : IStepObserver
    {
        public List<float[]> Gates { get; } = [];
        public List<float[]> States { get; } = [];

        public void Begin(RecurrentCell cell, ReadOnlySpan<float> inputs, int batch, int timesteps, ReadOnlySpan<bool> mask, LoopOptions options, ReadOnlySpan<float> initialState) { }

        public void Step(RecurrentCell cell, int step, ReadOnlySpan<float> states, ReadOnlySpan<float> workspace, int batch)
        {
            var gates = new float[batch * cell.ProjectionWidth];
            cell.ReadGates(workspace, states, batch, gates);
            Gates.Add(gates);
            States.Add(states.ToArray());
        }
    }

    public GateSteps Trace(GateTraceRequest r)
    {
        int units = r.Weights[1].Shape[0], inputDim = r.Weights[0].Shape[0];
        bool bias = r.Weights.Count == 3;
        RecurrentCell cell = r.Kind switch
        {
            "LSTM" => new LstmCell(units, inputDim, KerasActivations.Get(r.Activation), KerasActivations.Get(r.RecurrentActivation), bias),
            "GRU" => new GruCell(units, inputDim, KerasActivations.Get(r.Activation), KerasActivations.Get(r.RecurrentActivation), bias, r.ResetAfter),
            _ => new SimpleRnnCell(units, inputDim, KerasActivations.Get(r.Activation), bias),
        };
        for (int i = 0; i < r.Weights.Count; i++) cell.Weights[i].Assign(r.Weights[i].Shape, r.Weights[i].Data);
        int batch = r.Inputs.Shape[0], steps = r.Inputs.Shape[1];
        float[] state = r.InitialStates.SelectMany(s => s.Data).ToArray();
        var recorder = new Recorder();
        RecurrentLoop.Observer = recorder;
        try
        {
            RecurrentLoop.Run(cell, r.Inputs.Data, batch, steps, r.Mask, new LoopOptions(false, r.GoBackwards, false), state, new float[batch * units]);
        }
        finally { RecurrentLoop.Observer = null; }
        return new GateSteps(new Tensor([steps, batch, cell.ProjectionWidth], recorder.Gates.SelectMany(g => g).ToArray()),
            new Tensor([steps, cell.StateCount, batch, units], recorder.States.SelectMany(s => s).ToArray()));
    }
}
