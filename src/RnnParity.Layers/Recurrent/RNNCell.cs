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

    /// <summary>The step with its weights (zeros until loaded) for this input size.</summary>
    public abstract RecurrentCell CreateCell(int inputDim);

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
