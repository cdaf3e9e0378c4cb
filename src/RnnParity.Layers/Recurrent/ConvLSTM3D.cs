namespace RnnParity.Layers.Recurrent;

/// <summary>
/// Keras's <c>ConvLSTM3D</c> (<c>keras/src/layers/rnn/conv_lstm3d.py</c>): <see cref="ConvLSTM"/> over frames of
/// (dim1, dim2, dim3, channels); kernel (k₁, k₂, k₃, channels, 4·filters).
/// </summary>
public sealed class ConvLSTM3D : ConvLSTM
{
    public ConvLSTM3D(int filters, int[] kernelSize, int[]? strides = null, string padding = "valid", string? dataFormat = null,
        int[]? dilationRate = null, string activation = "tanh", string recurrentActivation = "sigmoid", bool useBias = true,
        bool unitForgetBias = true, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
        bool stateful = false, bool zeroOutputForMask = false, string? name = null)
        : base(3, filters, kernelSize, strides ?? [1, 1, 1], padding, dataFormat, dilationRate ?? [1, 1, 1], activation, recurrentActivation, useBias,
            unitForgetBias, OptionsOf(returnSequences, returnState, goBackwards, stateful, zeroOutputForMask), name) { }

    ConvLSTM3D(ConvLSTM3D layer, string name, RecurrentOptions options)
        : base(3, layer.Filters, layer.KernelSize, layer.Strides, layer.Padding, layer.DataFormat, layer.DilationRate, layer.Activation.Name,
            layer.RecurrentActivation.Name, layer.UseBias, layer.UnitForgetBias, options, name) { }

    public override RecurrentLayer CloneWith(string name, RecurrentOptions options) => new ConvLSTM3D(this, name, options);
}
