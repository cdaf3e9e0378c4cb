using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.Layers;
using RnnParity.Layers.Recurrent;

namespace RnnParity.Python.Parity;

/// <summary>The verdict on one live case: the comparison, or the error that stopped it.</summary>
public sealed record LiveParityResult(LiveParityCase Case, ComparisonResult? Comparison, string? Error)
{
    public bool Passed => Error is null && Comparison is { Passed: true };

    /// <summary>Who computed the expected values.</summary>
    public LiveReference Reference { get; init; } = LiveReference.NumPy;
}

/// <summary>Who computes the expected values of a live case.</summary>
public enum LiveReference
{
    /// <summary>The independent NumPy reference, python/numpy_reference.py (<c>live_parity.reference</c>).</summary>
    NumPy,

    /// <summary>Keras itself, the layer built from the same options (<c>live_parity.keras_output</c>); needs keras to import.</summary>
    Keras,
}

/// <summary>
/// Runs the same seeded weights and inputs through the C# layers and through the NumPy reference or
/// Keras (<c>python/live_parity.py</c>) in this process and compares the outputs in memory.
/// </summary>
public static class LiveParity
{
    public const string Module = "live_parity";

    /// <summary>Needs a started <see cref="PythonRuntime"/> whose sys.path holds the python/ scripts.</summary>
    /// <exception cref="PythonScriptException">the NumPy side raised: a broken reference, not a parity failure.</exception>
    public static LiveParityResult Run(LiveParityCase c, LiveReference reference = LiveReference.NumPy) => RunAgainst(c, c, reference);

    /// <summary>The lower-case name printed for a reference: <c>numpy</c> or <c>keras</c>.</summary>
    public static string NameOf(LiveReference reference) => reference == LiveReference.Keras ? "keras" : "numpy";

    /// <summary>
    /// Runs <paramref name="csharp"/> in C# and <paramref name="reference"/> in NumPy on the arrays
    /// drawn for <paramref name="reference"/>; different options let a test show that a mismatch is caught.
    /// </summary>
    public static LiveParityResult RunAgainst(LiveParityCase reference, LiveParityCase csharp, LiveReference against = LiveReference.NumPy)
    {
        var c = reference;
        {
            List<Tensor> weights;
            Tensor inputs, expected;
            using (Py.GIL())
            {
                var kwargs = new Dictionary<string, object?>
                {
                    ["use_bias"] = c.UseBias, ["reset_after"] = c.ResetAfter,
                    ["padding"] = c.Padding, ["bidirectional"] = c.MergeMode is not null,
                };
                using PyObject drawn = PythonCall.Invoke(Module, "draw", [c.Seed, c.Kind, c.Units, c.Features, c.Timesteps, c.Batch], kwargs);
                using PyObject pyWeights = drawn[0];
                using PyObject pyInputs = drawn[1];
                using PyObject pyMask = drawn[2];
                weights = [];
                long count = pyWeights.Length();
                for (int i = 0; i < count; i++)
                {
                    using PyObject w = pyWeights[i];
                    weights.Add(NumpyArrays.ToTensor(w));
                }
                inputs = NumpyArrays.ToTensor(pyInputs);
                if (!pyMask.IsNone()) inputs.Mask = NumpyArrays.ToTensor(pyMask).Data.Select(v => v != 0f).ToArray();
                var options = new Dictionary<string, object?>
                {
                    ["activation"] = c.Activation,
                    ["recurrent_activation"] = c.RecurrentActivation,
                    ["return_sequences"] = c.ReturnSequences,
                    ["go_backwards"] = c.GoBackwards,
                    ["reset_after"] = c.ResetAfter,
                    ["mask"] = pyMask,
                    ["merge_mode"] = c.MergeMode,
                    ["unroll"] = c.Unroll,
                };
                string function = against == LiveReference.Keras ? "keras_output" : "reference";
                using PyObject output = PythonCall.Invoke(Module, function, [c.Kind, pyInputs, pyWeights], options);
                expected = NumpyArrays.ToTensor(output);
            }
            Tensor actual = RunCSharp(csharp, weights, inputs);
            var comparison = ArrayComparison.Compare(expected.Data, expected.Shape, actual.Data, actual.Shape, c.Atol, c.Rtol);
            return new LiveParityResult(c, comparison, null) { Reference = against };
        }
    }

    static Tensor RunCSharp(LiveParityCase c, IReadOnlyList<Tensor> weights, Tensor inputs)
    {
        var options = new RecurrentOptions { ReturnSequences = c.ReturnSequences, GoBackwards = c.GoBackwards, Unroll = c.Unroll };
        RecurrentLayer layer = c.Kind switch
        {
            "SimpleRNN" => new SimpleRNN(c.Units, c.Activation, c.UseBias, options),
            "LSTM" => new LSTM(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, options),
            "GRU" => new GRU(c.Units, c.Activation, c.RecurrentActivation, c.UseBias, c.ResetAfter, options),
            _ => throw new ArgumentException($"unknown layer kind '{c.Kind}'"),
        };
        if (c.Padding is null) inputs = new Tensor(inputs.Shape, inputs.Data);
        Layer run = c.MergeMode is null ? layer : new Bidirectional(layer, Enum.Parse<MergeMode>(c.MergeMode, ignoreCase: true));
        run.Build([null, c.Timesteps, c.Features]);
        for (int i = 0; i < weights.Count; i++) run.Weights[i].Assign(weights[i].Shape, weights[i].Data);
        return run.Call(inputs);
    }
}
