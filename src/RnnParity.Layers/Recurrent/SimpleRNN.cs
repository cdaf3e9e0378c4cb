using RnnParity.Core.Activations;
using RnnParity.Core.Cells;

namespace RnnParity.Layers.Recurrent;

/// <summary>Keras's <c>SimpleRNN</c>: <c>h_t = activation(x_t·kernel + h_{t-1}·recurrent_kernel + bias)</c>.</summary>
public sealed class SimpleRNN : RecurrentLayer
{
    public SimpleRNN(int units, string activation = "tanh", bool useBias = true,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, double dropout = 0, double recurrentDropout = 0,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null, string? name = null)
        : this(units, activation, useBias,
            RecurrentOptions.Of(returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, dropout, recurrentDropout),
            name, inputShape, batchInputShape, inputLength, inputDim)
    { }

    public SimpleRNN(int units, string activation, bool useBias, RecurrentOptions options, string? name = null,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null)
        : base(units, options, name)
    {
        Activation = ActivationOption("activation", activation);
        UseBias = useBias;
        DeclaredInputShape = InputShapeArgs.Resolve(Name, inputShape, batchInputShape, inputLength, inputDim);
    }

    public Activation Activation { get; }

    public bool UseBias { get; }

    public override int StateCount => 1;

    protected override string CellName => "simple_rnn_cell";

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new SimpleRNN(Units, Activation.Name, UseBias, options, name);

    protected override RecurrentCell CreateCell(int inputDim) => new SimpleRnnCell(Units, inputDim, Activation, UseBias);
}
