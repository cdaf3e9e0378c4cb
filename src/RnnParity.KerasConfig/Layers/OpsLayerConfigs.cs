using System.Text.Json;
using RnnParity.Layers.Ops;

namespace RnnParity.KerasConfig;

/// <summary>
/// Keras 3 operations recorded in functional graphs (<c>keras/src/ops/numpy.py</c>, <c>core.py</c>),
/// registered under <see cref="LayerFactory.OpsPrefix"/> + class name: some share a class name with
/// a layer (the operation <c>Add</c> and the merging layer <c>Add</c>), and the file tells them apart
/// by <c>module</c> (<c>keras.src.ops.numpy</c>).
/// </summary>
internal static class OpsLayerConfigs
{
    public static void Register(Action<string, LayerBuilder> add)
    {
        void Op(string className, LayerBuilder builder) => add(LayerFactory.OpsPrefix + className, builder);

        Op("Add", (c, n) => Plain(c, n, "Add", () => new Add(n)));
        Op("Subtract", (c, n) => Plain(c, n, "Subtract", () => new Subtract(n)));
        Op("Multiply", (c, n) => Plain(c, n, "Multiply", () => new Multiply(n)));
        Op("Divide", (c, n) => Plain(c, n, "Divide", () => new Divide(n)));
        Op("Maximum", (c, n) => Plain(c, n, "Maximum", () => new Maximum(n)));
        Op("Minimum", (c, n) => Plain(c, n, "Minimum", () => new Minimum(n)));
        Op("Equal", (c, n) => Plain(c, n, "Equal", () => new Equal(n)));
        Op("NotEqual", (c, n) => Plain(c, n, "NotEqual", () => new NotEqual(n)));
        Op("Greater", (c, n) => Plain(c, n, "Greater", () => new Greater(n)));
        Op("GreaterEqual", (c, n) => Plain(c, n, "GreaterEqual", () => new GreaterEqual(n)));
        Op("Less", (c, n) => Plain(c, n, "Less", () => new Less(n)));
        Op("LessEqual", (c, n) => Plain(c, n, "LessEqual", () => new LessEqual(n)));
        Op("LogicalAnd", (c, n) => Plain(c, n, "LogicalAnd", () => new LogicalAnd(n)));
        Op("LogicalOr", (c, n) => Plain(c, n, "LogicalOr", () => new LogicalOr(n)));
        Op("LogicalNot", (c, n) => Plain(c, n, "LogicalNot", () => new LogicalNot(n)));
        Op("Any", (c, n) => Reduce(c, n, "Any", (a, k) => new Any(a, k, n)));
        Op("All", (c, n) => Reduce(c, n, "All", (a, k) => new All(a, k, n)));
        Op("Sum", (c, n) => Reduce(c, n, "Sum", (a, k) => new Sum(a, k, n)));
        Op("Mean", (c, n) => Reduce(c, n, "Mean", (a, k) => new Mean(a, k, n)));
        Op("Max", (c, n) => Reduce(c, n, "Max", (a, k) => new Max(a, k, n), "initial"));
        Op("Min", (c, n) => Reduce(c, n, "Min", (a, k) => new Min(a, k, n), "initial"));
        Op("Cast", (c, n) => Only(c, n, "Cast", ["dtype"], () => new Cast(c.GetString("dtype"), n)));
    }

    static T Plain<T>(ConfigNode config, string? name, string className, Func<T> create) => Only(config, name, className, [], create);

    static T Reduce<T>(ConfigNode config, string? name, string className, Func<IReadOnlyList<int>?, bool, T> create, string? unsupported = null)
    {
        if (unsupported is not null && config.Optional(unsupported) is { } u)
            throw u.Fail($"{className} '{name}': option '{unsupported}' is not supported yet");
        return Only(config, name, className, ["axis", "keepdims", .. unsupported is null ? Array.Empty<string>() : [unsupported]],
            () => create(Axis(config), config.GetBool("keepdims", false)));
    }

    /// <summary>Keras's <c>axis</c>: null (every axis), an int, or a list of ints.</summary>
    static IReadOnlyList<int>? Axis(ConfigNode config) => config.Optional("axis") switch
    {
        null => null,
        { Kind: JsonValueKind.Array } list => list.Items().Select(i => i.Int()).ToList(),
        { } one => [one.Int()],
    };

    /// <summary>An operation's config is its constructor arguments; one this code does not know would change the result, so it is refused.</summary>
    static T Only<T>(ConfigNode config, string? name, string className, string[] known, Func<T> create)
    {
        foreach (var property in config.Element.EnumerateObject())
            if (property.Name != "name" && !known.Contains(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
                throw config.Get(property.Name).Fail($"{className} '{name}': option '{property.Name}' is not supported yet");
        return create();
    }
}
