using RnnParity.Core.Tensors;

namespace RnnParity.Layers.Recurrent;

/// <summary>How <see cref="Bidirectional"/> joins the forward and backward outputs (Keras's <c>merge_mode</c>).</summary>
public enum MergeMode { Concat, Sum, Mul, Ave, None }

/// <summary>
/// Keras's <c>Bidirectional</c> (<c>keras/src/layers/rnn/bidirectional.py</c>): a copy of the layer
/// named <c>forward_*</c>, and one named <c>backward_*</c> with <c>go_backwards</c> flipped; the
/// backward sequence output is flipped back into input order before merging. Both copies get
/// <c>zero_output_for_mask = return_sequences</c>, as Keras forces. Outputs: the merged output (two
/// outputs with merge mode None), then the forward states, then the backward states.
/// </summary>
public sealed class Bidirectional : Layer
{
    public Bidirectional(RecurrentLayer layer, MergeMode mergeMode = MergeMode.Concat, RecurrentLayer? backwardLayer = null, string? name = null)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        MergeMode = mergeMode;
        // Keras recreates both copies from configs, strips a prefix it added before (so a loaded
        // model keeps its names), and forces zero_output_for_mask = return_sequences on both.
        bool sequences = layer.Options.ReturnSequences;
        Forward = layer.CloneWith("forward_" + RemovePrefix(layer.Name, "forward_"), layer.Options with { ZeroOutputForMask = sequences });
        if (backwardLayer is null)
        {
            Backward = layer.CloneWith("backward_" + RemovePrefix(layer.Name, "backward_"),
                layer.Options with { GoBackwards = true, ZeroOutputForMask = sequences });
        }
        else
        {
            if (backwardLayer.Options.ReturnSequences != sequences || backwardLayer.Options.ReturnState != layer.Options.ReturnState)
                throw Error("backward_layer", "must have the same return_sequences and return_state as the forward layer.");
            Backward = backwardLayer.CloneWith(backwardLayer.Name, backwardLayer.Options with { ZeroOutputForMask = sequences });
        }
    }

    static string RemovePrefix(string name, string prefix) => name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;

    public MergeMode MergeMode { get; }

    public RecurrentLayer Forward { get; }

    public RecurrentLayer Backward { get; }

    bool ReturnSequences => Forward.Options.ReturnSequences;

    bool ReturnState => Forward.Options.ReturnState;

    /// <summary>Set from Keras 2's <c>input_shape</c> on the wrapped layer, for Sequential.</summary>
    public int?[]? DeclaredInputShape => Forward.DeclaredInputShape;

    public override IReadOnlyList<Variable> Weights => [.. Forward.Weights, .. Backward.Weights];

    public override IEnumerable<(string Path, Variable Weight)> WeightPaths() =>
        Forward.WeightPaths().Concat(Backward.WeightPaths()).Select(p => ($"{Name}/{p.Path}", p.Weight));

    public override IReadOnlyList<string> CallKeywords => RecurrentLayer.RecurrentCallKeywords;

    /// <summary>[sequences, forward states..., backward states...]: the states are Keras's <c>initial_state</c>.</summary>
    protected internal override Graph.LayerCall BindInputs(IReadOnlyList<Graph.KerasTensor> inputs) =>
        new(inputs.Select(t => new Graph.CallInput(t)).ToList(), tensorArguments: inputs.Count > 1 ? 2 : 1);

    /// <summary>Keras's <c>Bidirectional.compute_mask</c>: the mask goes on with sequence outputs (both of them with merge mode None), never with states.</summary>
    protected internal override IReadOnlyList<bool[]?>? ComputeMasks(bool[] previousMask, int outputCount)
    {
        int sequenceOutputs = MergeMode == MergeMode.None ? 2 : 1;
        return Enumerable.Range(0, outputCount).Select(k => k < sequenceOutputs && ReturnSequences ? previousMask : null).ToList();
    }

    protected override void BuildCore(IReadOnlyList<int?[]> inputShapes)
    {
        int half = (inputShapes.Count - 1) / 2;
        Forward.Build([inputShapes[0], .. inputShapes.Skip(1).Take(half)]);
        Backward.Build([inputShapes[0], .. inputShapes.Skip(1 + half)]);
    }

    public override IReadOnlyList<int?[]> ComputeOutputShapes(IReadOnlyList<int?[]> inputShapes)
    {
        var f = Forward.ComputeOutputShapes([inputShapes[0]]);
        var b = Backward.ComputeOutputShapes([inputShapes[0]]);
        var outputs = new List<int?[]>();
        if (MergeMode == MergeMode.None) { outputs.Add(f[0]); outputs.Add(b[0]); }
        else if (MergeMode == MergeMode.Concat) outputs.Add([.. f[0][..^1], f[0][^1] + b[0][^1]]);
        else outputs.Add(f[0]);
        outputs.AddRange(f.Skip(1));
        outputs.AddRange(b.Skip(1));
        return outputs;
    }

    public override void ResetStates()
    {
        Forward.ResetStates();
        Backward.ResetStates();
    }

    protected override IReadOnlyList<Tensor> CallCore(IReadOnlyList<Tensor> inputs)
    {
        if ((inputs.Count - 1) % 2 != 0)
            throw Error("initial_state", $"expects as many forward as backward states, got {inputs.Count - 1} state tensors.");
        int half = (inputs.Count - 1) / 2;
        var f = Forward.Call([inputs[0], .. inputs.Skip(1).Take(half)]);
        var b = Backward.Call([inputs[0], .. inputs.Skip(1 + half)]);
        Tensor y = f[0], yRev = b[0];
        if (ReturnSequences) yRev = TimeAxis.Reverse(yRev);
        bool[]? mask = ReturnSequences ? inputs[0].Mask : null;
        var outputs = new List<Tensor>();
        if (MergeMode == MergeMode.None) { outputs.Add(y.WithMask(mask)); outputs.Add(yRev.WithMask(mask)); }
        else outputs.Add(Merge(y, yRev).WithMask(mask));
        outputs.AddRange(f.Skip(1));
        outputs.AddRange(b.Skip(1));
        return outputs;
    }

    Tensor Merge(Tensor y, Tensor yRev)
    {
        if (MergeMode == MergeMode.Concat)
        {
            int a = y.Shape[^1], c = yRev.Shape[^1], rows = y.Length / a;
            var z = new Tensor([.. y.Shape[..^1], a + c]);
            for (int r = 0; r < rows; r++)
            {
                y.Data.AsSpan(r * a, a).CopyTo(z.Data.AsSpan(r * (a + c), a));
                yRev.Data.AsSpan(r * c, c).CopyTo(z.Data.AsSpan(r * (a + c) + a, c));
            }
            return z;
        }
        var m = new Tensor((int[])y.Shape.Clone());
        for (int i = 0; i < m.Length; i++)
            m.Data[i] = MergeMode switch
            {
                MergeMode.Sum => y.Data[i] + yRev.Data[i],
                MergeMode.Mul => y.Data[i] * yRev.Data[i],
                MergeMode.Ave => (y.Data[i] + yRev.Data[i]) / 2f,
                _ => throw new InvalidOperationException($"merge mode {MergeMode}"),
            };
        return m;
    }
}
