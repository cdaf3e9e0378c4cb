using RnnParity.Core.Cells;
using RnnParity.Core.Recurrent;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Fixtures.Format;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Diagnosis.Gates;

/// <summary>
/// Looks inside one recurrent layer: runs the case's first run in C# with the loop watched
/// (<see cref="RecurrentLoop.Observer"/>), hands the layer's inputs, mask, initial states and weights
/// to a reference, and compares the two step by step, gate by gate. Both sides get the same inputs
/// (what the C# layer received), so a difference is the layer's own. A Bidirectional's forward and
/// backward layers are traced separately.
/// </summary>
public static class GateTrace
{
    static readonly Dictionary<string, string[]> GateNames = new()
    {
        ["SimpleRNN"] = ["h"], ["LSTM"] = ["i", "f", "c", "o"], ["GRU"] = ["z", "r", "h"],
    };

    static readonly Dictionary<string, string[]> StateNames = new()
    {
        ["SimpleRNN"] = ["h_t"], ["LSTM"] = ["h_t", "c_t"], ["GRU"] = ["h_t"],
    };

    static string? KindOf(RecurrentCell cell) => cell switch
    {
        LstmCell => "LSTM",
        GruCell => "GRU",
        SimpleRnnCell => "SimpleRNN",
        _ => null,
    };

    /// <summary>The (direction, recurrent layer) pairs a layer is made of, when every one has a traceable cell; else empty.</summary>
    static IReadOnlyList<(string? Direction, RecurrentLayer Layer)> Traceable(Layer layer)
    {
        IReadOnlyList<(string?, RecurrentLayer)> parts = layer switch
        {
            Bidirectional b => [("forward", b.Forward), ("backward", b.Backward)],
            RecurrentLayer r => [(null, r)],
            _ => [],
        };
        return parts.All(p => KindOf(p.Item2.Cell) is not null && p.Item2.Cell.HasGateTrace) ? parts : [];
    }

    /// <summary>
    /// The layer to trace: <paramref name="firstBadLayer"/> when it is a SimpleRNN, LSTM or GRU (or a
    /// Bidirectional of one); otherwise the last such layer before it, or the model's first such
    /// layer when there is none before it or no first bad layer. Null when the model has none.
    /// </summary>
    public static string? ChooseLayer(CaseModel model, string? firstBadLayer)
    {
        var layers = model.BuildModel().Layers.Where(l => Traceable(l).Count > 0 || l.Name == firstBadLayer).ToList();
        int bad = layers.FindIndex(l => l.Name == firstBadLayer);
        for (int i = bad; i >= 0; i--)
            if (Traceable(layers[i]).Count > 0) return layers[i].Name;
        return layers.FirstOrDefault(l => Traceable(l).Count > 0)?.Name;
    }

    /// <summary>Traces <paramref name="layerName"/> on the case's first run.</summary>
    /// <param name="referenceModel">Whose weights the reference gets (default: <paramref name="model"/>'s); tests give
    /// the C# side changed weights and the reference the case's.</param>
    public static GateTraceResult Run(CaseModel model, string layerName, IGateReference reference, CaseModel? referenceModel = null)
    {
        Model csharp = model.BuildModel();
        Layer? layer = csharp.Layers.FirstOrDefault(l => l.Name == layerName);
        if (layer is null) return GateTraceResult.NotRun($"the model has no layer '{layerName}'");
        var parts = Traceable(layer);
        if (parts.Count == 0) return GateTraceResult.NotRun($"{layerName} ({layer.ClassName}) is not a SimpleRNN, LSTM or GRU layer, nor a Bidirectional of one");
        var referenceParts = Traceable((referenceModel?.BuildModel() ?? csharp).Layers.First(l => l.Name == layerName));

        var recorder = new CSharpSteps(parts.Select(p => p.Layer.Cell).ToList());
        if (model.ResetStates[0]) csharp.ResetStates();
        RecurrentLoop.Observer = recorder;
        try { csharp.Call(model.RunInputs[0]); }
        finally { RecurrentLoop.Observer = null; }

        var tolerance = model.Fixture.Tolerance;
        var directions = new List<DirectionTrace>();
        for (int p = 0; p < parts.Count; p++)
        {
            var (direction, recurrent) = parts[p];
            string where = direction is null ? layerName : $"{layerName} ({direction})";
            var recording = recorder.Of(recurrent.Cell);
            if (recording is null) return GateTraceResult.NotRun($"{where} was not run by the case's first run");
            RecurrentCell cell = recurrent.Cell;
            string kind = KindOf(cell)!;
            RecurrentCell referenceCell = referenceParts[p].Layer.Cell;
            var weights = referenceCell.Weights.Select(v => new Tensor((int[])v.Shape.Clone(), (float[])v.Data.Clone())).ToList();
            var request = new GateTraceRequest(kind, ActivationOf(cell), RecurrentActivationOf(cell), cell is GruCell { ResetAfter: true },
                weights, recording.Inputs, recording.Mask, recording.InitialStates, recording.Options.GoBackwards);
            GateSteps theirs;
            try { theirs = reference.Trace(request); }
            catch (LayerReferenceUnavailableException e) { return GateTraceResult.NotRun(e.Message); }
            if (Compare(kind, cell, recording, theirs, tolerance) is not { } trace)
                return GateTraceResult.NotRun($"{reference.Name} gave gates or states of another shape for {where}");
            directions.Add(trace with { Direction = direction });
        }
        var result = new GateTraceResult(layerName, directions, "");
        string head = $"{layerName} against {reference.Name}, {directions[0].Gates[0].MaxAbsError.Length} step(s)";
        return result with
        {
            Description = result.FirstBad is { } d
                ? $"{head}: first bad gate {d.FirstBadGate}{(d.Direction is null ? "" : $" ({d.Direction})")} at step {d.FirstBadStep}"
                : $"{head}: every gate and state within tolerance",
        };
    }

    static string ActivationOf(RecurrentCell cell) => cell switch
    {
        LstmCell l => l.Activation.Name,
        GruCell g => g.Activation.Name,
        SimpleRnnCell s => s.Activation.Name,
        _ => throw new ArgumentException("not a traceable cell", nameof(cell)),
    };

    static string RecurrentActivationOf(RecurrentCell cell) => cell switch
    {
        LstmCell l => l.RecurrentActivation.Name,
        GruCell g => g.RecurrentActivation.Name,
        _ => "sigmoid",
    };

    static DirectionTrace? Compare(string kind, RecurrentCell cell, CSharpSteps.Recording mine, GateSteps theirs, FixtureTolerance tolerance)
    {
        int steps = mine.Gates.Count, batch = mine.Inputs.Shape[0], u = cell.Units, w = cell.ProjectionWidth, s = cell.StateCount;
        if (!theirs.Gates.Shape.SequenceEqual([steps, batch, w]) || !theirs.States.Shape.SequenceEqual([steps, s, batch, u])) return null;
        var gateNames = GateNames[kind];
        var gates = new List<GateSeries>();
        for (int g = 0; g < gateNames.Length; g++)
        {
            // GRU's ĥ cannot be read back where 1 − z rounded to 0 (ReadGates gives NaN); it has no effect there.
            bool unreadableNaN = kind == "GRU" && gateNames[g] == "h";
            gates.Add(Series(gateNames[g], steps, batch, u, tolerance, unreadableNaN,
                (t, b, k) => mine.Gates[t][b * w + g * u + k], (t, b, k) => theirs.Gates.Data[(t * batch + b) * w + g * u + k]));
        }
        var states = new List<GateSeries>();
        for (int k = 0; k < s; k++)
        {
            int block = k;
            states.Add(Series(StateNames[kind][k], steps, batch, u, tolerance, false,
                (t, b, j) => mine.States[t][block * batch * u + b * u + j], (t, b, j) => theirs.States.Data[((t * s + block) * batch + b) * u + j]));
        }
        GateSeries? first = gates.Concat(states).Where(x => x.FirstBadStep is not null).OrderBy(x => x.FirstBadStep).FirstOrDefault();
        return new DirectionTrace(null, kind, gates, states, first?.Name, first?.FirstBadStep);
    }

    static GateSeries Series(string name, int steps, int batch, int units, FixtureTolerance tolerance, bool skipOwnNaN,
        Func<int, int, int, float> mine, Func<int, int, int, float> theirs)
    {
        var errors = new double[steps];
        int? firstBad = null;
        for (int t = 0; t < steps; t++)
            for (int b = 0; b < batch; b++)
                for (int k = 0; k < units; k++)
                {
                    double a = mine(t, b, k), e = theirs(t, b, k);
                    if (skipOwnNaN && double.IsNaN(a)) continue;
                    bool close = ArrayComparison.IsClose(a, e, tolerance.Atol, tolerance.Rtol);
                    double err = close && !double.IsFinite(e) ? 0 : double.IsFinite(a) && double.IsFinite(e) ? Math.Abs(a - e) : double.PositiveInfinity;
                    if (err > errors[t]) errors[t] = err;
                    if (!close) firstBad ??= t;
                }
        return new GateSeries(name, errors, firstBad);
    }
}
