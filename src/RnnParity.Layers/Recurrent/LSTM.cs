using RnnParity.Core.Activations;
using RnnParity.Core.Cells;

namespace RnnParity.Layers.Recurrent;

/// <summary>Keras's <c>LSTM</c> (gate blocks i, f, c, o; states [h, c]).</summary>
/// <remarks><c>unit_forget_bias</c> only changes how a new bias is initialised; loaded weights replace it.</remarks>
public sealed class LSTM : RecurrentLayer
{
    public LSTM(int units, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, double dropout = 0, double recurrentDropout = 0,
        bool unitForgetBias = true,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null, string? name = null)
        : this(units, activation, recurrentActivation, useBias,
            RecurrentOptions.Of(returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, dropout, recurrentDropout),
            name, inputShape, batchInputShape, inputLength, inputDim)
    {
        UnitForgetBias = unitForgetBias;
    }

    public LSTM(int units, string activation, string recurrentActivation, bool useBias, RecurrentOptions options, string? name = null,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null)
        : base(units, options, name)
    {
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
        DeclaredInputShape = InputShapeArgs.Resolve(Name, inputShape, batchInputShape, inputLength, inputDim);
    }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    public bool UnitForgetBias { get; init; } = true;

    public override int StateCount => 2;

    protected override string CellName => "lstm_cell";

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new LSTM(Units, Activation.Name, RecurrentActivation.Name, UseBias, options, name) { UnitForgetBias = UnitForgetBias };

    protected override RecurrentCell CreateCell(int inputDim) => new LstmCell(Units, inputDim, Activation, RecurrentActivation, UseBias);
}
