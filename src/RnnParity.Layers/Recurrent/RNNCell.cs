using RnnParity.Core.Activations;
using RnnParity.Core.Cells;
using RnnParity.Layers.Naming;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// A Keras RNN cell given to <see cref="RNN"/> (<c>keras.layers.SimpleRNNCell</c>, <c>LSTMCell</c>,
/// <c>GRUCell</c>): the configuration of one step, from which the layer creates the Core cell (the
/// same step code SimpleRNN, LSTM and GRU run) once it knows the input size. Its name is the middle
/// part of the weight paths (<c>rnn/lstm_cell/kernel</c>).
/// </summary>
public abstract class RNNCell
{
    protected RNNCell(int units, string? name)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "units must be positive.");
        Units = units;
        Name = name ?? KerasNames.AutoName(GetType().Name);
    }

    public string Name { get; }

    public string ClassName => GetType().Name;

    public int Units { get; }

    /// <summary>1, or 2 for LSTMCell (h, c).</summary>
    public abstract int StateCount { get; }

    /// <summary>Width of state <paramref name="k"/> (all are <see cref="Units"/> wide in a single cell).</summary>
    public virtual int StateWidth(int k) => Units;

    /// <summary>The step with its weights (zeros until loaded) for this input size.</summary>
    public abstract RecurrentCell CreateCell(int inputDim);

    /// <summary>The built step's weights with their paths below the layer: <c>lstm_cell/kernel</c>.</summary>
    public virtual IEnumerable<(string Path, Core.Tensors.Variable Weight)> WeightPaths(RecurrentCell built) =>
        built.Weights.Select(w => ($"{Name}/{w.Name}", w));

    protected Activation ActivationOption(string option, string activation)
    {
        try { return KerasActivations.Get(activation); }
        catch (NotSupportedException e) { throw new NotSupportedYetException(Name, ClassName, option, e.Message); }
    }
}

/// <summary>Keras's <c>SimpleRNNCell</c>: <c>h = activation(x·kernel + h·recurrent_kernel + bias)</c>.</summary>
public sealed class SimpleRNNCell : RNNCell
{
    public SimpleRNNCell(int units, string activation = "tanh", bool useBias = true, string? name = null) : base(units, name)
    {
        Activation = ActivationOption("activation", activation);
        UseBias = useBias;
    }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public override int StateCount => 1;

    public override RecurrentCell CreateCell(int inputDim) => new SimpleRnnCell(Units, inputDim, Activation, UseBias);
}

/// <summary>Keras's <c>LSTMCell</c> (gate blocks i, f, c, o; states [h, c]); the formula is <see cref="LstmCell"/>'s.</summary>
public sealed class LSTMCell : RNNCell
{
    public LSTMCell(int units, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true, string? name = null)
        : base(units, name)
    {
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
    }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    public override int StateCount => 2;

    public override RecurrentCell CreateCell(int inputDim) => new LstmCell(Units, inputDim, Activation, RecurrentActivation, UseBias);
}

/// <summary>Keras's <c>GRUCell</c> (gate blocks z, r, h; <c>reset_after</c> as <see cref="GRU"/>); the formula is <see cref="GruCell"/>'s.</summary>
public sealed class GRUCell : RNNCell
{
    public GRUCell(int units, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true, bool resetAfter = true, string? name = null)
        : base(units, name)
    {
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
        ResetAfter = resetAfter;
    }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    public bool ResetAfter { get; }

    public override int StateCount => 1;

    public override RecurrentCell CreateCell(int inputDim) => new GruCell(Units, inputDim, Activation, RecurrentActivation, UseBias, ResetAfter);
}

/// <summary>
/// Keras's <c>StackedRNNCells</c>: cells run one after another within each step (see
/// <see cref="StackedRnnCell"/>); the output is the last cell's, the states are every cell's in
/// order. Weight paths nest the cells' names: <c>rnn/stacked_rnn_cells/lstm_cell/kernel</c>.
/// </summary>
public sealed class StackedRNNCells : RNNCell
{
    public StackedRNNCells(IReadOnlyList<RNNCell> cells, string? name = null)
        : base(cells is { Count: > 0 } ? cells[^1].Units : throw new ArgumentException("StackedRNNCells needs at least one cell.", nameof(cells)), name)
    {
        Cells = [.. cells];
    }

    public IReadOnlyList<RNNCell> Cells { get; }

    public override int StateCount => Cells.Sum(c => c.StateCount);

    public override int StateWidth(int k)
    {
        foreach (var cell in Cells)
        {
            if (k < cell.StateCount) return cell.StateWidth(k);
            k -= cell.StateCount;
        }
        throw new ArgumentOutOfRangeException(nameof(k));
    }

    public override RecurrentCell CreateCell(int inputDim)
    {
        var built = new List<RecurrentCell>();
        foreach (var cell in Cells)
        {
            built.Add(cell.CreateCell(inputDim));
            inputDim = cell.Units;
        }
        return new StackedRnnCell(built);
    }

    public override IEnumerable<(string Path, Core.Tensors.Variable Weight)> WeightPaths(RecurrentCell built) =>
        Cells.Zip(((StackedRnnCell)built).Cells).SelectMany(p => p.First.WeightPaths(p.Second)).Select(p => ($"{Name}/{p.Path}", p.Weight));
}
