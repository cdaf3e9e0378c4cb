using RnnParity.Layers.Recurrent;

namespace RnnParity.KerasConfig;

/// <summary>Keras's convolutional recurrent layers (<c>layers/rnn/conv_lstm*.py</c>): ConvLSTM1D, ConvLSTM2D, ConvLSTM3D.</summary>
internal static class ConvRecurrentLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("ConvLSTM1D", (config, name) => Create(config, name, 1));
        add("ConvLSTM2D", (config, name) => Create(config, name, 2));
        add("ConvLSTM3D", (config, name) => Create(config, name, 3));
    }

    static ConvLSTM Create(ConfigNode config, string? name, int rank)
    {
        if (config.GetBool("unroll", false))
            throw config.Get("unroll").Fail($"ConvLSTM{rank}D '{name}': unroll=True is not supported yet");
        int filters = config.GetInt("filters", min: 1);
        int[] kernel = ConvolutionalLayerConfigs.Ints(config, "kernel_size", rank, null);
        int[] strides = ConvolutionalLayerConfigs.Ints(config, "strides", rank, 1);
        string padding = config.Optional("padding")?.String() ?? "valid";
        string? dataFormat = config.Optional("data_format")?.String();
        int[] dilation = ConvolutionalLayerConfigs.Ints(config, "dilation_rate", rank, 1);
        string activation = ConfigChecks.Activation(config, "activation", "tanh");
        string recurrentActivation = ConfigChecks.Activation(config, "recurrent_activation", "sigmoid");
        bool useBias = config.GetBool("use_bias", true), unitForgetBias = config.GetBool("unit_forget_bias", true);
        bool sequences = config.GetBool("return_sequences", false), state = config.GetBool("return_state", false);
        bool backwards = config.GetBool("go_backwards", false), stateful = config.GetBool("stateful", false);
        bool zero = config.GetBool("zero_output_for_mask", false);
        return rank switch
        {
            1 => new ConvLSTM1D(filters, kernel[0], strides[0], padding, dataFormat, dilation[0], activation, recurrentActivation, useBias,
                unitForgetBias, sequences, state, backwards, stateful, zero, name),
            2 => new ConvLSTM2D(filters, kernel, strides, padding, dataFormat, dilation, activation, recurrentActivation, useBias,
                unitForgetBias, sequences, state, backwards, stateful, zero, name),
            _ => new ConvLSTM3D(filters, kernel, strides, padding, dataFormat, dilation, activation, recurrentActivation, useBias,
                unitForgetBias, sequences, state, backwards, stateful, zero, name),
        };
    }
}
