using System.Text.Json;
using RnnParity.Layers;

namespace RnnParity.KerasConfig;

/// <summary>Builds one layer from its <c>config</c>; <paramref name="name"/> is <c>config.name</c> (null when absent).</summary>
public delegate Layer LayerBuilder(ConfigNode config, string? name);

/// <summary>
/// The one place where Keras's config vocabulary (<c>class_name</c> + <c>config</c>) becomes C# layers.
/// Each group of layers registers its builders in its own file under <c>Layers/</c>, as Keras groups
/// them (<c>core</c>, <c>rnn</c>, <c>convolutional</c>, ...). Options that only matter for training
/// (initializers, regularizers, constraints, dropout) are read past; options that would change the
/// result and are not implemented are refused by name. A user registers a C# layer under the name
/// Keras saved for a custom layer (<c>registered_name</c>, e.g. <c>Custom&gt;MyLayer</c>) with
/// <see cref="Register"/>.
/// </summary>
public static class LayerFactory
{
    static readonly Dictionary<string, LayerBuilder> Builders = new(StringComparer.Ordinal);
    static readonly object Gate = new();

    static LayerFactory()
    {
        CoreLayerConfigs.Register(Add);
        RecurrentLayerConfigs.Register(Add);
        RegularizationLayerConfigs.Register(Add);
        ReshapingLayerConfigs.Register(Add);
        ActivationLayerConfigs.Register(Add);
        ConvolutionalLayerConfigs.Register(Add);
        PoolingLayerConfigs.Register(Add);
        MergingLayerConfigs.Register(Add);
        ConvRecurrentLayerConfigs.Register(Add);
        NormalizationLayerConfigs.Register(Add);
        AttentionLayerConfigs.Register(Add);
        OpsLayerConfigs.Register(Add);
        ModelLayerConfigs.Register(Add);
    }

    /// <summary>Registry key prefix of Keras operations (<c>module</c> <c>keras.src.ops.*</c>), which may share a class name with a layer.</summary>
    public const string OpsPrefix = "ops.";

    static bool IsOpsModule(string? module) => module is not null && (module.StartsWith("keras.src.ops", StringComparison.Ordinal) || module.StartsWith("keras.ops", StringComparison.Ordinal));

    static void Add(string className, LayerBuilder builder) => Builders.Add(className, builder);

    /// <summary>
    /// A legacy <c>.h5</c> (Keras 3's too) drops <c>module</c>, so an operation there is known only by its
    /// class and config: an operation's config is its name alone, a layer's always holds more
    /// (<c>trainable</c>, <c>dtype</c>). A class that only an operation has is an operation.
    /// </summary>
    static bool IsLegacyOperation(ConfigNode spec, string className, ConfigNode config)
    {
        if (spec.Optional("registered_name") is { Kind: JsonValueKind.String } r && r.String() != className) return false;
        bool op, layer;
        lock (Gate) { op = Builders.ContainsKey(OpsPrefix + className); layer = Builders.ContainsKey(className); }
        if (!op) return false;
        bool nameOnly = config.Kind == JsonValueKind.Object && config.Element.EnumerateObject().All(p => p.Name == "name");
        return !layer || nameOnly;
    }

    /// <summary>Class names this factory builds, for error messages and the README.</summary>
    public static IReadOnlyList<string> SupportedClasses
    {
        get { lock (Gate) return Builders.Keys.Order(StringComparer.Ordinal).ToList(); }
    }

    /// <summary>
    /// Makes <paramref name="builder"/> build the layers saved under <paramref name="name"/>: a Keras
    /// <c>registered_name</c> (<c>Custom&gt;MyLayer</c>, looked up first) or a <c>class_name</c>.
    /// Replaces an earlier registration of the same name.
    /// </summary>
    public static void Register(string name, LayerBuilder builder)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(builder);
        lock (Gate) Builders[name] = builder;
    }

    /// <summary>Removes a registration made with <see cref="Register"/>; true when there was one.</summary>
    public static bool Unregister(string name)
    {
        lock (Gate) return Builders.Remove(name);
    }

    public static Layer Create(ConfigNode spec)
    {
        string className = spec.GetString("class_name");
        ConfigNode config = spec.Get("config");
        string? name = config.Optional("name")?.String();
        string? registered = spec.Optional("registered_name") is { Kind: JsonValueKind.String } r ? r.String() : null;
        string? module = spec.Optional("module") is { Kind: JsonValueKind.String } m ? m.String() : null;
        if (IsOpsModule(module) || (module is null && IsLegacyOperation(spec, className, config)))
        {
            // An operation's registered_name is its bare class name, which a layer may share.
            className = OpsPrefix + className;
            registered = null;
        }
        LayerBuilder? builder;
        lock (Gate)
        {
            if (registered is null || !Builders.TryGetValue(registered, out builder))
                Builders.TryGetValue(className, out builder);
        }
        if (builder is null)
        {
            string what = registered is not null && registered != className ? $"'{className}' (registered as '{registered}')" : $"'{className}'";
            throw new KerasConfigException(spec.Get("class_name").Path,
                $"layer class {what} is not supported yet (layer '{name}'); supported: {string.Join(", ", SupportedClasses)}");
        }
        ConfigChecks.DType(config, name ?? className, className);
        try
        {
            return builder(config, name);
        }
        catch (LayerConfigurationException e)
        {
            throw new KerasConfigException(config.Path, e.Message, e);
        }
    }
}
