using RnnParity.Layers.Recurrent;

namespace RnnParity.KerasConfig;

/// <summary>Keras's convolutional recurrent layers (<c>layers/rnn/conv_lstm*.py</c>): ConvLSTM1D.</summary>
internal static class ConvRecurrentLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add) => add("ConvLSTM1D", CreateConvLstm1D);

    static ConvLSTM1D CreateConvLstm1D(ConfigNode config, string? name)
    {
        if (config.GetBool("unroll", false))
            throw config.Get("unroll").Fail($"ConvLSTM1D '{name}': unroll=True is not supported yet");
        return new ConvLSTM1D(
            config.GetInt("filters", min: 1),
            ConvolutionalLayerConfigs.OneInt(config, "kernel_size", null),
            ConvolutionalLayerConfigs.OneInt(config, "strides", 1),
            config.Optional("padding")?.String() ?? "valid",
            config.Optional("data_format")?.String(),
            ConvolutionalLayerConfigs.OneInt(config, "dilation_rate", 1),
            ConfigChecks.Activation(config, "activation", "tanh"),
            ConfigChecks.Activation(config, "recurrent_activation", "sigmoid"),
            config.GetBool("use_bias", true),
            config.GetBool("unit_forget_bias", true),
            config.GetBool("return_sequences", false),
            config.GetBool("return_state", false),
            config.GetBool("go_backwards", false),
            config.GetBool("stateful", false),
            config.GetBool("zero_output_for_mask", false),
            name);
    }
}
