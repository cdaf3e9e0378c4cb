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
            unitForgetBias, OptionsOf(returnSequences, returnState, goBackwards, stateful, zeroOutputForMask), name) { }

    ConvLSTM1D(ConvLSTM1D layer, string name, RecurrentOptions options)
        : base(1, layer.Filters, layer.KernelSize, layer.Strides, layer.Padding, layer.DataFormat, layer.DilationRate, layer.Activation.Name,
            layer.RecurrentActivation.Name, layer.UseBias, layer.UnitForgetBias, options, name) { }

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new ConvLSTM1D(this, name, options);
}
