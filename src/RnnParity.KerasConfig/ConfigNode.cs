using System.Text.Json;

namespace RnnParity.KerasConfig;

/// <summary>
/// A JSON value together with its path from the document root, so that every error can say which
/// field was wrong and what was expected.
/// </summary>
public readonly record struct ConfigNode(JsonElement Element, string Path)
{
    public JsonValueKind Kind => Element.ValueKind;

    public bool Has(string name) => Kind == JsonValueKind.Object && Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public ConfigNode Get(string name)
    {
        if (Kind != JsonValueKind.Object) throw Fail($"expected an object, got {Describe(Element)}");
        if (!Element.TryGetProperty(name, out var v)) throw new KerasConfigException(Join(name), "required field is missing");
        return new ConfigNode(v, Join(name));
    }

    public ConfigNode? Optional(string name) =>
        Kind == JsonValueKind.Object && Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? new ConfigNode(v, Join(name)) : null;

    public IEnumerable<ConfigNode> Items()
    {
        if (Kind != JsonValueKind.Array) throw Fail($"expected a list, got {Describe(Element)}");
        int i = 0;
        foreach (var item in Element.EnumerateArray()) yield return new ConfigNode(item, $"{Path}[{i++}]");
    }

    public string String()
    {
        if (Kind != JsonValueKind.String) throw Fail($"expected a string, got {Describe(Element)}");
        return Element.GetString()!;
    }

    public string? StringOrNull() => Kind == JsonValueKind.Null ? null : String();

    public int Int(int min = int.MinValue)
    {
        if (Kind != JsonValueKind.Number || !Element.TryGetInt32(out int v)) throw Fail($"expected an integer, got {Describe(Element)}");
        if (v < min) throw Fail($"expected an integer >= {min}, got {v}");
        return v;
    }

    public double Double()
    {
        if (Kind != JsonValueKind.Number) throw Fail($"expected a number, got {Describe(Element)}");
        return Element.GetDouble();
    }

    public bool Bool()
    {
        if (Kind is not (JsonValueKind.True or JsonValueKind.False)) throw Fail($"expected true or false, got {Describe(Element)}");
        return Element.GetBoolean();
    }

    /// <summary>A Keras shape: a list of non-negative integers or nulls.</summary>
    public int?[] Shape() => Items().Select(d => d.Kind == JsonValueKind.Null ? (int?)null : d.Int(min: 0)).ToArray();

    public string GetString(string name) => Get(name).String();

    public int GetInt(string name, int min = int.MinValue) => Get(name).Int(min);

    public bool GetBool(string name, bool defaultValue) => Optional(name)?.Bool() ?? defaultValue;

    public double GetDouble(string name, double defaultValue) => Optional(name)?.Double() ?? defaultValue;

    public KerasConfigException Fail(string message) => new(Path, message);

    string Join(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => e.GetRawText(),
    };
}
