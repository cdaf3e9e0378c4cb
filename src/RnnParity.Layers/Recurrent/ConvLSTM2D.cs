namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>ConvLSTM2D</c> (<c>keras/src/layers/rnn/conv_lstm2d.py</c>): <see cref="ConvLSTM"/> over frames of
/// (rows, cols, channels); input (batch, time, rows, cols, channels), kernel (k_rows, k_cols, channels, 4·filters).
/// </summary>
public sealed class ConvLSTM2D : ConvLSTM
{
    public ConvLSTM2D(int filters, int[] kernelSize, int[]? strides = null, string padding = "valid", string? dataFormat = null,
        int[]? dilationRate = null, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool unitForgetBias = true, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool zeroOutputForMask = false, string? name = null)
        : base(2, filters, kernelSize, strides ?? [1, 1], padding, dataFormat, dilationRate ?? [1, 1], activation, recurrentActivation, useBias,
            unitForgetBias, returnSequences, returnState, goBackwards, stateful, zeroOutputForMask, name) { }

    public override ConvLSTM CloneWith(string name, bool goBackwards, bool zeroOutputForMask) =>
        new ConvLSTM2D(Filters, KernelSize, Strides, Padding, null, DilationRate, Activation.Name, RecurrentActivation.Name, UseBias,
            UnitForgetBias, ReturnSequences, ReturnState, goBackwards, false, zeroOutputForMask, name);
}
