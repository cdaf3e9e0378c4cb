using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;

namespace RnnParity.KerasConfig;

/// <summary>Keras's <c>layers/rnn</c>: SimpleRNN, LSTM, GRU, RNN with its cells, Bidirectional, TimeDistributed.</summary>
internal static class RecurrentLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        add("SimpleRNN", (config, name) => new SimpleRNN(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"),
            config.GetBool("use_bias", true), Options(config, name, "SimpleRNN"), name));
        add("LSTM", (config, name) => new LSTM(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"),
            ConfigChecks.Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true), Options(config, name, "LSTM"), name)
            { UnitForgetBias = config.GetBool("unit_forget_bias", true) });
        add("GRU", (config, name) => new GRU(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"),
            ConfigChecks.Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true),
            config.GetBool("reset_after", true), Options(config, name, "GRU"), name));
        add("RNN", (config, name) => new RNN(Cell(config.Get("cell"), name), Options(config, name, "RNN"), name));
        add("Bidirectional", CreateBidirectional);
        add("TimeDistributed", (config, name) => new TimeDistributed(LayerFactory.Create(config.Get("layer")), name));
    }

    /// <summary>The options every recurrent layer shares (Keras's <c>RNN</c> keyword arguments).</summary>
    public static RecurrentOptions Options(ConfigNode config, string? name, string className)
    {
        foreach (var key in new[] { "time_major", "use_cudnn_only" })
            if (config.GetBool(key, false))
                throw new KerasConfigException($"{config.Path}.{key}", $"option '{key}' of {className} '{name}' is not supported yet");
        return new RecurrentOptions
        {
            ReturnSequences = config.GetBool("return_sequences", false),
            ReturnState = config.GetBool("return_state", false),
            GoBackwards = config.GetBool("go_backwards", false),
            Stateful = config.GetBool("stateful", false),
            Unroll = config.GetBool("unroll", false),
            ZeroOutputForMask = config.GetBool("zero_output_for_mask", false),
            Dropout = config.GetDouble("dropout", 0),
            RecurrentDropout = config.GetDouble("recurrent_dropout", 0),
        };
    }

    /// <summary>The <c>cell</c> of an <c>RNN</c> layer: a serialised SimpleRNNCell, LSTMCell, GRUCell or StackedRNNCells of them.</summary>
    static RNNCell Cell(ConfigNode spec, string? layer)
    {
        string className = spec.GetString("class_name");
        ConfigNode config = spec.Get("config");
        string? name = config.Optional("name")?.String();
        ConfigChecks.DType(config, name ?? className, className);
        try
        {
            return className switch
            {
                "SimpleRNNCell" => new SimpleRNNCell(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"), config.GetBool("use_bias", true), name),
                "LSTMCell" => new LSTMCell(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"),
                    ConfigChecks.Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true), name),
                "GRUCell" => new GRUCell(config.GetInt("units", min: 1), ConfigChecks.Activation(config, "activation", "tanh"),
                    ConfigChecks.Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true), config.GetBool("reset_after", true), name),
                "StackedRNNCells" => new StackedRNNCells(config.Get("cells").Items().Select(c => Cell(c, layer)).ToList(), name),
                _ => throw spec.Get("class_name").Fail($"RNN '{layer}': cell class '{className}' is not supported yet (supported: SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells)"),
            };
        }
        catch (RnnParity.Layers.LayerConfigurationException e) { throw new KerasConfigException(config.Path, e.Message, e); }
    }

    static Bidirectional CreateBidirectional(ConfigNode config, string? name)
    {
        string? mode = config.Optional("merge_mode")?.String();
        MergeMode merge = mode switch
        {
            null => MergeMode.None,
            "concat" => MergeMode.Concat,
            "sum" => MergeMode.Sum,
            "mul" => MergeMode.Mul,
            "ave" => MergeMode.Ave,
            _ => throw config.Get("merge_mode").Fail($"expected one of concat, sum, mul, ave or null, got '{mode}'"),
        };
        RecurrentLayer Wrapped(ConfigNode n) => LayerFactory.Create(n) as RecurrentLayer
            ?? throw n.Fail("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU, RNN, ConvLSTM1D/2D/3D)");
        var forward = Wrapped(config.Get("layer"));
        var backward = config.Optional("backward_layer") is { } b ? Wrapped(b) : null;
        return new Bidirectional(forward, merge, backward, name);
    }
}
