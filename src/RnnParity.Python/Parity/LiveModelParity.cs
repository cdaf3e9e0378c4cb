using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers.Models;

namespace RnnParity.Python.Parity;

/// <summary>The verdict on one layered model: one comparison per run and output, or the error that stopped C#.</summary>
public sealed record LiveModelResult(string Name, IReadOnlyList<ComparisonResult> Comparisons, string? Error)
{
    public bool Passed => Error is null && Comparisons.Count > 0 && Comparisons.All(c => c.Passed);

    public double MaxAbsError => Comparisons.Count == 0 ? double.NaN : Comparisons.Max(c => c.MaxAbsError);

    /// <summary>The first failing comparison, as "run r output i: ...", or the error.</summary>
    public string Describe()
    {
        if (Error is not null) return Error;
        int k = Comparisons.ToList().FindIndex(c => !c.Passed);
        return k < 0 ? "OK" : $"comparison {k}: {Comparisons[k].Describe()}";
    }
}

/// <summary>
/// Layered models (Embedding, Masking, Dense, Dropout, Bidirectional, TimeDistributed around the
/// recurrent layers, Sequential and Functional) through C# and through the NumPy model interpreter
/// (<c>python/live_parity.py</c> → <c>numpy_runner</c>) in this process, compared in memory: C#
/// builds the model from the same model.json, loads the same weights in <c>get_weights()</c> order
/// and runs the same inputs, run after run (stateful layers carry their states).
/// </summary>
public static class LiveModelParity
{
    /// <summary>The models <c>live_parity.model_names()</c> lists. Needs a started <see cref="PythonRuntime"/>.</summary>
    public static IReadOnlyList<string> Names()
    {
        using (Py.GIL())
        {
            using PyObject names = PythonCall.Invoke(LiveParity.Module, "model_names");
            return [.. Items(names).Select(n => { using (n) return n.As<string>(); })];
        }
    }

    /// <summary>Runs model <paramref name="name"/>; <paramref name="alterModelJson"/> changes what C# loads (to show a mismatch is caught).</summary>
    /// <exception cref="PythonScriptException">the NumPy side raised: a broken reference, not a parity failure.</exception>
    public static LiveModelResult Run(string name, Func<string, string>? alterModelJson = null)
    {
        string json;
        List<Tensor> weights;
        List<List<Tensor>> inputs, expected;
        List<bool> resets;
        double atol, rtol;
        using (Py.GIL())
        {
            using PyObject c = PythonCall.Invoke(LiveParity.Module, "model_case", name);
            using (PyObject j = c["model_json"]) json = j.As<string>();
            using (PyObject w = c["weights"]) weights = Tensors(w);
            using (PyObject i = c["inputs"]) inputs = Runs(i);
            using (PyObject o = c["outputs"]) expected = Runs(o);
            using (PyObject r = c["reset_states"]) resets = [.. Items(r).Select(x => { using (x) return x.IsTrue(); })];
            using PyObject tolerance = c["tolerance"];
            using (PyObject a = tolerance["atol"]) atol = a.As<double>();
            using (PyObject r = tolerance["rtol"]) rtol = r.As<double>();
        }

        var comparisons = new List<ComparisonResult>();
        try
        {
            Model model = ModelLoader.FromJson(alterModelJson is null ? json : alterModelJson(json));
            model.SetWeights(weights);
            for (int r = 0; r < inputs.Count; r++)
            {
                if (resets[r]) model.ResetStates();
                var actual = model.Call(inputs[r]);
                if (actual.Count != expected[r].Count)
                    return new LiveModelResult(name, comparisons, $"run {r}: C# gave {actual.Count} outputs, NumPy {expected[r].Count}");
                for (int i = 0; i < actual.Count; i++)
                    comparisons.Add(ArrayComparison.Compare(expected[r][i].Data, expected[r][i].Shape, actual[i].Data, actual[i].Shape, atol, rtol));
            }
        }
        // A model C# cannot load or run is a parity failure with the reason, not a crash of the whole check.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new LiveModelResult(name, comparisons, $"C#: {e.GetType().Name}: {e.Message}");
        }
        return new LiveModelResult(name, comparisons, null);
    }

    static IEnumerable<PyObject> Items(PyObject list)
    {
        long n = list.Length();
        for (int i = 0; i < n; i++) yield return list[i];
    }

    static List<Tensor> Tensors(PyObject list) => [.. Items(list).Select(x => { using (x) return NumpyArrays.ToTensor(x); })];

    static List<List<Tensor>> Runs(PyObject runs) => [.. Items(runs).Select(x => { using (x) return Tensors(x); })];
}
