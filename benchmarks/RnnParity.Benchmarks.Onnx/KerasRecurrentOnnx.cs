using RnnParity.Layers.Recurrent;

namespace RnnParity.Benchmarks.Onnx;

/// <summary>
/// One Keras SimpleRNN / LSTM / GRU layer as an ONNX graph with one RNN / LSTM / GRU node, taking and
/// returning Keras's layout: x (batch, timesteps, input) → y (batch, timesteps, units), the full sequence.
/// </summary>
/// <remarks>
/// Weight conversion (ONNX operator docs, opset 14):
/// <list type="bullet">
/// <item>Keras kernel (input, gates·units) and recurrent kernel (units, gates·units) become
/// W (1, gates·units, input) and R (1, gates·units, units): transposed, gate blocks reordered.</item>
/// <item>Gate order: Keras LSTM i,f,c,o → ONNX i,o,f,c; GRU z,r,h in both.</item>
/// <item>B (1, 2·gates·units) = [Wb, Rb]: Keras's single bias goes to Wb with Rb = 0; GRU with
/// <c>reset_after=True</c> has two bias rows (input, recurrent) = Wb, Rb and needs
/// <c>linear_before_reset=1</c> (r multiplies h·R + Rb, as Keras's <c>r * recurrent_h</c>).</item>
/// </list>
/// ONNX's CPU kernels take time-major input only (<c>layout=0</c>), so the graph transposes x in and
/// y out (Transpose nodes, inside the timed run): the caller sees what Keras returns.
/// </remarks>
public static class KerasRecurrentOnnx
{
    /// <summary>Keras gate block feeding ONNX gate block g (LSTM: ONNX i,o,f,c from Keras i,f,c,o).</summary>
    static readonly int[] LstmFromKeras = [0, 3, 1, 2];

    /// <summary>The graph for a built layer with its current weights; it returns the full sequence whatever
    /// the layer's return_sequences says.</summary>
    /// <exception cref="NotSupportedException">an activation, option or layer kind ONNX's node cannot express here.</exception>
    public static OnnxGraph FromLayer(RecurrentLayer layer, int batch, int timesteps)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.Options.GoBackwards || layer.Options.Stateful)
            throw new NotSupportedException($"layer '{layer.Name}': go_backwards/stateful are not supported yet by the ONNX export.");
        var weights = layer.Weights.ToDictionary(w => w.Name);
        if (!weights.ContainsKey("kernel"))
            throw new InvalidOperationException($"layer '{layer.Name}' is not built yet: build it (or call it once) before exporting its weights.");
        float[] kernel = weights["kernel"].Data, recurrent = weights["recurrent_kernel"].Data;
        float[]? bias = weights.TryGetValue("bias", out var b) ? b.Data : null;
        int input = weights["kernel"].Shape[0];
        (RecurrentKind kind, string activation, string recurrentActivation) = layer switch
        {
            SimpleRNN s => (RecurrentKind.SimpleRNN, s.Activation.Name, "sigmoid"),
            LSTM l => (RecurrentKind.LSTM, l.Activation.Name, l.RecurrentActivation.Name),
            GRU g => (g.ResetAfter ? RecurrentKind.GRU : RecurrentKind.GRUResetBefore, g.Activation.Name, g.RecurrentActivation.Name),
            _ => throw new NotSupportedException($"layer '{layer.Name}' ({layer.GetType().Name}) is not supported yet by the ONNX export."),
        };
        // ONNX's defaults (f = Sigmoid, g = h = Tanh) are Keras's; other activations would need the node's activations attribute.
        Check(layer.Name, "activation", activation, "tanh");
        Check(layer.Name, "recurrent_activation", recurrentActivation, "sigmoid");
        return Build(kind, kernel, recurrent, bias, input, layer.Units, batch, timesteps);
    }

    static void Check(string layer, string option, string actual, string expected)
    {
        if (actual != expected)
            throw new NotSupportedException($"layer '{layer}': {option}='{actual}' is not supported yet by the ONNX export (only '{expected}', ONNX's default).");
    }

    /// <summary>Builds the graph from Keras-layout weights (row-major: kernel (input, gates·units),
    /// recurrent (units, gates·units), bias (gates·units) or (2, 3·units) for GRU reset_after, or null).</summary>
    public static OnnxGraph Build(RecurrentKind kind, float[] kernel, float[] recurrent, float[]? bias,
        int input, int units, int batch, int timesteps)
    {
        int gates = kind switch { RecurrentKind.SimpleRNN => 1, RecurrentKind.LSTM => 4, _ => 3 };
        int width = gates * units;
        if (kernel.Length != input * width) throw new ArgumentException($"kernel has {kernel.Length} values, expected ({input}, {width}).");
        if (recurrent.Length != units * width) throw new ArgumentException($"recurrent_kernel has {recurrent.Length} values, expected ({units}, {width}).");
        int biasRows = kind == RecurrentKind.GRU ? 2 : 1;
        if (bias is not null && bias.Length != biasRows * width)
            throw new ArgumentException($"bias has {bias.Length} values, expected {(biasRows == 2 ? $"(2, {width})" : $"({width})")}.");

        int KerasGate(int g) => kind == RecurrentKind.LSTM ? LstmFromKeras[g] : g;
        float[] w = TransposeGates(kernel, input, units, gates, KerasGate);
        float[] r = TransposeGates(recurrent, units, units, gates, KerasGate);
        var b = new float[2 * width];
        if (bias is not null)
            for (int row = 0; row < biasRows; row++)         // row 0 → Wb, row 1 (GRU reset_after) → Rb
                for (int g = 0; g < gates; g++)
                    Array.Copy(bias, row * width + KerasGate(g) * units, b, row * width + g * units, units);

        var graph = new OnnxGraph();
        graph.Inputs.Add(("x", [batch, timesteps, input]));
        graph.Outputs.Add(("y", [batch, timesteps, units]));
        graph.Initializers.Add(new("W", [1, width, input], w));
        graph.Initializers.Add(new("R", [1, width, units], r));
        graph.Initializers.Add(new("B", [1, 2 * width], b));
        graph.Initializers.Add(new("axis1", [1], Int64s: [1]));
        graph.Nodes.Add(new("Transpose", ["x"], ["x_tm"], new Dictionary<string, object> { ["perm"] = new long[] { 1, 0, 2 } }));
        var attrs = new Dictionary<string, object> { ["hidden_size"] = (long)units };
        if (kind == RecurrentKind.GRU) attrs["linear_before_reset"] = 1L;
        string op = kind switch { RecurrentKind.SimpleRNN => "RNN", RecurrentKind.LSTM => "LSTM", _ => "GRU" };
        graph.Nodes.Add(new(op, ["x_tm", "W", "R", "B"], ["y_tm4"], attrs));                   // (T, 1, batch, units)
        graph.Nodes.Add(new("Squeeze", ["y_tm4", "axis1"], ["y_tm"]));                         // (T, batch, units)
        graph.Nodes.Add(new("Transpose", ["y_tm"], ["y"], new Dictionary<string, object> { ["perm"] = new long[] { 1, 0, 2 } }));
        return graph;
    }

    /// <summary>ONNX W[g·units + j, p] = Keras k[p, kerasGate(g)·units + j].</summary>
    static float[] TransposeGates(float[] k, int rows, int units, int gates, Func<int, int> kerasGate)
    {
        int width = gates * units;
        var w = new float[width * rows];
        for (int g = 0; g < gates; g++)
        {
            int src = kerasGate(g) * units;
            for (int j = 0; j < units; j++)
                for (int p = 0; p < rows; p++)
                    w[(g * units + j) * rows + p] = k[p * width + src + j];
        }
        return w;
    }
}

/// <summary>The recurrent layers the ONNX export knows. <c>GRU</c> is Keras's reset_after=True (its default).</summary>
public enum RecurrentKind { SimpleRNN, LSTM, GRU, GRUResetBefore }
