namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>ConvLSTM1D</c> (<c>keras/src/layers/rnn/conv_lstm1d.py</c>): <see cref="ConvLSTM"/> over frames of
/// (rows, channels); input (batch, time, rows, channels), kernel (k, channels, 4·filters).
/// </summary>
public sealed class ConvLSTM1D : ConvLSTM
{
    public ConvLSTM1D(int filters, int kernelSize, int strides = 1, string padding = "valid", string? dataFormat = null,
        int dilationRate = 1, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool unitForgetBias = true, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool zeroOutputForMask = false, string? name = null)
        : base(1, filters, [kernelSize], [strides], padding, dataFormat, [dilationRate], activation, recurrentActivation, useBias,
            unitForgetBias, returnSequences, returnState, goBackwards, stateful, zeroOutputForMask, name) { }

    public override ConvLSTM CloneWith(string name, bool goBackwards, bool zeroOutputForMask) =>
        new ConvLSTM1D(Filters, KernelSize[0], Strides[0], Padding, null, DilationRate[0], Activation.Name, RecurrentActivation.Name, UseBias,
            UnitForgetBias, ReturnSequences, ReturnState, goBackwards, false, zeroOutputForMask, name);
}
