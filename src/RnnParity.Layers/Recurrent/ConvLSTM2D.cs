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
            unitForgetBias, OptionsOf(returnSequences, returnState, goBackwards, stateful, zeroOutputForMask), name) { }

    ConvLSTM2D(ConvLSTM2D layer, string name, RecurrentOptions options)
        : base(2, layer.Filters, layer.KernelSize, layer.Strides, layer.Padding, layer.DataFormat, layer.DilationRate, layer.Activation.Name,
            layer.RecurrentActivation.Name, layer.UseBias, layer.UnitForgetBias, options, name) { }

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new ConvLSTM2D(this, name, options);
}
