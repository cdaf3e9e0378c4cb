using System.Text.Json;

namespace RnnParity.Diagnosis;

/// <summary>
/// <c>diff --json</c>: <c>{"case", "passed", "outputs": [...], "first_bad_layer", "likely_cause": {...}}</c>
/// as README documents; a NaN or infinite figure (shapes that differ) is written as null.
/// </summary>
public static class DiffJson
{
    public static void Write(string path, DiffResult result)
    {
        using var stream = File.Create(path);
        Write(stream, result);
    }

    public static void Write(Stream stream, DiffResult result)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("case", result.Case);
        w.WriteBoolean("passed", result.Passed);
        w.WriteString("source", result.Source);
        w.WriteStartArray("outputs");
        foreach (var o in result.Outputs) WriteOutput(w, o);
        w.WriteEndArray();
        if (result.FirstBadLayer is null) w.WriteNull("first_bad_layer"); else w.WriteString("first_bad_layer", result.FirstBadLayer);
        w.WriteString("layer_check", result.LayerCheck);
        WriteGateTrace(w, result.GateTrace);
        w.WriteStartObject("likely_cause");
        var c = result.LikelyCause;
        w.WriteString("name", c.Name);
        WriteStringOrNull(w, "side", c.Side);
        WriteStringOrNull(w, "detail", c.Detail);
        WriteNumber(w, "fit", c.Fit);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>"gate_trace"</c>: null when the trace did not run (<c>"gate_check"</c> says why), else
    /// <c>{"layer", "first_bad_gate", "first_bad_timestep", "per_gate": {name: [per step]}, "per_state": {...}}</c>;
    /// a Bidirectional's names are prefixed <c>forward/</c> and <c>backward/</c>.
    /// </summary>
    static void WriteGateTrace(Utf8JsonWriter w, Gates.GateTraceResult? trace)
    {
        w.WriteString("gate_check", trace?.Description ?? "not run: no gate trace was asked for");
        if (trace?.Layer is null) { w.WriteNull("gate_trace"); return; }
        w.WriteStartObject("gate_trace");
        w.WriteString("layer", trace.Layer);
        var first = trace.FirstBad;
        WriteStringOrNull(w, "first_bad_gate", first is null ? null : Gates.GateTraceResult.Label(first, first.FirstBadGate!));
        if (first?.FirstBadStep is { } step) w.WriteNumber("first_bad_timestep", step); else w.WriteNull("first_bad_timestep");
        foreach (var (key, series) in new[] { ("per_gate", (Func<Gates.DirectionTrace, IReadOnlyList<Gates.GateSeries>>)(d => d.Gates)), ("per_state", d => d.States) })
        {
            w.WriteStartObject(key);
            foreach (var d in trace.Directions)
                foreach (var g in series(d))
                {
                    w.WriteStartArray(Gates.GateTraceResult.Label(d, g.Name));
                    foreach (double v in g.MaxAbsError) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }
                    w.WriteEndArray();
                }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    static void WriteOutput(Utf8JsonWriter w, OutputDiff o)
    {
        w.WriteStartObject();
        w.WriteNumber("run", o.Run);
        w.WriteNumber("output", o.Output);
        w.WriteString("name", o.Name);
        w.WriteBoolean("shape_ok", o.ShapeOk);
        WriteNumber(w, "max_abs_error", o.MaxAbsError);
        WriteNumber(w, "max_rel_error", o.MaxRelError);
        if (o.MaxUlp == long.MaxValue) w.WriteNull("max_ulp"); else w.WriteNumber("max_ulp", o.MaxUlp);
        if (o.Worst is null) w.WriteNull("worst");
        else
        {
            w.WriteStartObject("worst");
            w.WriteStartArray("index");
            foreach (int i in o.Worst.Index) w.WriteNumberValue(i);
            w.WriteEndArray();
            WriteNumber(w, "actual", o.Worst.Actual);
            WriteNumber(w, "expected", o.Worst.Expected);
            w.WriteEndObject();
        }
        w.WriteStartObject("out_of_tolerance");
        w.WriteNumber("count", o.OutOfToleranceCount);
        w.WriteNumber("share", o.OutOfToleranceShare);
        w.WriteEndObject();
        if (o.PerTimestep is null) w.WriteNull("per_timestep");
        else
        {
            w.WriteStartArray("per_timestep");
            foreach (double v in o.PerTimestep) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }
            w.WriteEndArray();
        }
        if (o.FirstBadTimestep is { } t) w.WriteNumber("first_bad_timestep", t); else w.WriteNull("first_bad_timestep");
        w.WriteEndObject();
    }

    static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }
}
