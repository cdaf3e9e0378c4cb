using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// The NumPy reference (<c>python/numpy_runner.py</c>'s <c>layer_outputs</c>) as <c>diff</c>'s layer
/// reference, through the embedded interpreter. The glue lives in the CLI so that Diagnosis keeps no
/// dependency on pythonnet and diff works where Python does not.
/// </summary>
/// <param name="faultsAreErrors">The user asked for Python (<c>--python</c>): an interpreter or script
/// fault propagates (exit codes 3–5) instead of becoming a "not run" line in the layer check.</param>
public sealed class NumpyLayerReference(string? python, bool faultsAreErrors) : ILayerReference
{
    public string Name => "the NumPy reference (python/numpy_runner.py)";

    public ReferenceLayers Compute(string caseDirectory)
    {
        try
        {
            PythonRuntime.Ensure(Interpreter(python));
            using (Py.GIL())
            {
                using var result = PythonCall.Invoke("numpy_runner", "layer_outputs", Path.GetFullPath(caseDirectory));
                return Read(result);
            }
        }
        catch (PythonScriptException e) when (e.PythonType == "CaseError")
        {
            // The case is readable (C# read it), so this is a layer or option the NumPy layers refuse.
            throw new LayerReferenceUnavailableException($"{Name} cannot run this case: {e.PythonMessage}", e);
        }
        catch (Exception e) when (!faultsAreErrors && e is PythonUnavailableException or PythonScriptException or InvalidOperationException)
        {
            throw new LayerReferenceUnavailableException($"{Name} is unavailable: {FirstLine(e.Message)} (pass --python to make this an error)", e);
        }
    }

    /// <summary>The interpreter already embedded (one per process: a Keras one chosen first stays), else the first with numpy.</summary>
    internal static PythonInterpreter Interpreter(string? python) =>
        PythonRuntime.Current?.Chosen ?? PythonLocator.Locate(["numpy"], python).Chosen;

    static T Item<T>(PyObject dict, string key)
    {
        using var value = dict.GetItem(key);
        return value.As<T>();
    }

    internal static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>numpy_runner.layer_outputs's result (keras_layer_outputs.py gives the same) as <see cref="ReferenceLayers"/>.</summary>
    internal static ReferenceLayers Read(PyObject result)
    {
        using var notChecked = result.GetItem("unchecked");
        var names = new List<string>();
        for (int i = 0; i < notChecked.Length(); i++)
        {
            using var u = notChecked[i];
            names.Add($"{Item<string>(u, "name")} ({Item<string>(u, "class_name")}): {Item<string>(u, "reason")}");
        }
        using var runs = result.GetItem("runs");
        if (runs.IsNone()) return new ReferenceLayers(null, names);
        var all = new List<IReadOnlyList<ReferenceLayerOutput>>();
        for (int r = 0; r < runs.Length(); r++)
        {
            using var run = runs[r];
            var layers = new List<ReferenceLayerOutput>();
            for (int l = 0; l < run.Length(); l++)
            {
                using var layer = run[l];
                using var outputs = layer.GetItem("outputs");
                var tensors = new List<Tensor>();
                for (int o = 0; o < outputs.Length(); o++)
                {
                    using var array = outputs[o];
                    tensors.Add(NumpyArrays.ToTensor(array));
                }
                layers.Add(new ReferenceLayerOutput(Item<string>(layer, "name"), Item<string>(layer, "class_name"), Item<int>(layer, "call"), tensors));
            }
            all.Add(layers);
        }
        return new ReferenceLayers(all, names);
    }
}
