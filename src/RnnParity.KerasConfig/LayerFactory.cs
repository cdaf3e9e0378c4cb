using System.Text.Json;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;

namespace RnnParity.KerasConfig;

/// <summary>
/// The one place where Keras's config vocabulary (<c>class_name</c> + <c>config</c>) becomes C# layers.
/// Options that only matter for training (initializers, regularizers, constraints, dropout) are
/// read past; options that would change the result and are not implemented are refused by name.
/// </summary>
public static class LayerFactory
{
    /// <summary>Class names this factory builds, for error messages and the README.</summary>
    public static readonly IReadOnlyList<string> SupportedClasses =
        ["InputLayer", "SimpleRNN", "LSTM", "GRU", "Bidirectional", "Dense", "Embedding", "Masking", "TimeDistributed"];

    public static Layer Create(ConfigNode spec)
    {
        string className = spec.GetString("class_name");
        ConfigNode config = spec.Get("config");
        string? name = config.Optional("name")?.String();
        CheckDType(config, name ?? className, className);
        try
        {
            return className switch
            {
                "InputLayer" => CreateInput(config, name),
                "SimpleRNN" => new SimpleRNN(config.GetInt("units", min: 1), Activation(config, "activation", "tanh"),
                    config.GetBool("use_bias", true), RecurrentOptions(config, name, className), name),
                "LSTM" => new LSTM(config.GetInt("units", min: 1), Activation(config, "activation", "tanh"),
                    Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true), RecurrentOptions(config, name, className), name)
                    { UnitForgetBias = config.GetBool("unit_forget_bias", true) },
                "GRU" => new GRU(config.GetInt("units", min: 1), Activation(config, "activation", "tanh"),
                    Activation(config, "recurrent_activation", "sigmoid"), config.GetBool("use_bias", true),
                    config.GetBool("reset_after", true), RecurrentOptions(config, name, className), name),
                "Bidirectional" => CreateBidirectional(config, name),
                "Dense" => CreateDense(config, name),
                "Embedding" => CreateEmbedding(config, name),
                "Masking" => new Masking(config.GetDouble("mask_value", 0.0), name),
                "TimeDistributed" => new TimeDistributed(Create(config.Get("layer")), name),
                _ => throw new KerasConfigException(spec.Get("class_name").Path,
                    $"layer class '{className}' is not supported yet (layer '{name}'); supported: {string.Join(", ", SupportedClasses)}"),
            };
        }
        catch (LayerConfigurationException e)
        {
            throw new KerasConfigException(config.Path, e.Message, e);
        }
    }

    static InputLayer CreateInput(ConfigNode config, string? name)
    {
        ConfigNode shape = config.Optional("batch_shape") ?? config.Optional("batch_input_shape")
            ?? throw config.Fail("InputLayer needs 'batch_shape' (Keras 3) or 'batch_input_shape' (Keras 2)");
        if (config.GetBool("sparse", false) || config.GetBool("ragged", false))
            throw config.Fail($"InputLayer '{name}': sparse and ragged inputs are not supported yet");
        string dtype = config.Optional("dtype") is { Kind: JsonValueKind.String } d ? d.String() : "float32";
        return new InputLayer(shape.Shape(), dtype, name);
    }

    static RecurrentOptions RecurrentOptions(ConfigNode config, string? name, string className)
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

    static string Activation(ConfigNode config, string key, string defaultName)
    {
        var node = config.Optional(key);
        if (node is null) return config.Has(key) ? "linear" : defaultName;
        if (node.Value.Kind == JsonValueKind.String) return node.Value.String();
        // A serialised activation object (custom or parameterised): not something we can run.
        throw node.Value.Fail($"expected an activation name, got an object; custom activations are not supported yet");
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
        RecurrentLayer Wrapped(ConfigNode n) => Create(n) as RecurrentLayer
            ?? throw n.Fail("Bidirectional wraps a SimpleRNN, LSTM or GRU layer");
        var forward = Wrapped(config.Get("layer"));
        var backward = config.Optional("backward_layer") is { } b ? Wrapped(b) : null;
        return new Bidirectional(forward, merge, backward, name);
    }

    static Dense CreateDense(ConfigNode config, string? name)
    {
        if (config.Optional("lora_rank") is not null)
            throw config.Get("lora_rank").Fail($"Dense '{name}': LoRA is not supported yet");
        return new Dense(config.GetInt("units", min: 1), Activation(config, "activation", "linear"), config.GetBool("use_bias", true), name);
    }

    static Embedding CreateEmbedding(ConfigNode config, string? name)
    {
        if (config.Optional("lora_rank") is not null)
            throw config.Get("lora_rank").Fail($"Embedding '{name}': LoRA is not supported yet");
        int? length = config.Optional("input_length")?.Int(min: 1);
        return new Embedding(config.GetInt("input_dim", min: 1), config.GetInt("output_dim", min: 1), config.GetBool("mask_zero", false), length, name);
    }

    /// <summary>Everything here computes in float32; any other dtype policy is refused rather than silently run in float32.</summary>
    static void CheckDType(ConfigNode config, string layer, string className)
    {
        if (className == "InputLayer") return;
        var dtype = config.Optional("dtype");
        if (dtype is null) return;
        string? policy = dtype.Value.Kind == JsonValueKind.String ? dtype.Value.String()
            : dtype.Value.Optional("config")?.Optional("name")?.String();
        if (policy is not null && policy != "float32")
            throw new KerasConfigException(dtype.Value.Path, $"dtype policy '{policy}' of {className} '{layer}' is not supported yet (only float32)");
    }
}
