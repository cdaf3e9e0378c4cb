using RnnParity.Core.Activations;
using RnnParity.Core.Cells;

namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>GRU</c> (gate blocks z, r, h). <c>reset_after=True</c>, Keras 3's default, applies the
/// reset gate after the recurrent product and has a (2, 3·units) bias; <c>False</c> has (3·units).
/// </summary>
public sealed class GRU : RecurrentLayer
{
    public GRU(int units, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool resetAfter = true,
        bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, double dropout = 0, double recurrentDropout = 0,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null, string? name = null)
        : this(units, activation, recurrentActivation, useBias, resetAfter,
            RecurrentOptions.Of(returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, dropout, recurrentDropout),
            name, inputShape, batchInputShape, inputLength, inputDim)
    { }

    public GRU(int units, string activation, string recurrentActivation, bool useBias, bool resetAfter, RecurrentOptions options, string? name = null,
        (int? Timesteps, int Features)? inputShape = null, (int? Batch, int? Timesteps, int Features)? batchInputShape = null,
        int? inputLength = null, int? inputDim = null)
        : base(units, options, name)
    {
        Activation = ActivationOption("activation", activation);
        RecurrentActivation = ActivationOption("recurrent_activation", recurrentActivation);
        UseBias = useBias;
        ResetAfter = resetAfter;
        DeclaredInputShape = InputShapeArgs.Resolve(Name, inputShape, batchInputShape, inputLength, inputDim);
    }

    public Activation Activation { get; }

    public Activation RecurrentActivation { get; }

    public bool UseBias { get; }

    public bool ResetAfter { get; }

    public override int StateCount => 1;

    protected override string CellName => "gru_cell";

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new GRU(Units, Activation.Name, RecurrentActivation.Name, UseBias, ResetAfter, options, name);

    protected override RecurrentCell CreateCell(int inputDim) => new GruCell(Units, inputDim, Activation, RecurrentActivation, UseBias, ResetAfter);
}
