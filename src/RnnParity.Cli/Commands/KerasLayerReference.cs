using Python.Runtime;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>diff</c>'s layer reference: Keras itself (<c>python/keras_layer_outputs.py</c>: the case's model
/// built from model.json with the case's weights, every layer's output read) where <c>keras</c>
/// imports, otherwise the NumPy reference; <see cref="Name"/> says which one ran, and why not Keras.
/// </summary>
/// <param name="faultsAreErrors">As for <see cref="NumpyLayerReference"/>: the user asked for Python with --python.</param>
public sealed class KerasLayerReference(string? python, bool faultsAreErrors) : ILayerReference
{
    readonly NumpyLayerReference _numpy = new(python, faultsAreErrors);

    /// <summary>Which reference computed the layers (set by <see cref="Compute"/>).</summary>
    public string Name { get; private set; } = "Keras where it imports, else the NumPy reference";

    public ReferenceLayers Compute(string caseDirectory)
    {
        string whyNotKeras;
        try
        {
            PythonRuntime.Ensure(Interpreter());
            using (Py.GIL())
            {
                using var result = PythonCall.Invoke("keras_layer_outputs", "layer_outputs", Path.GetFullPath(caseDirectory));
                using var version = result.GetItem("version");
                Name = $"Keras {version.As<string>()} (python/keras_layer_outputs.py)";
                return NumpyLayerReference.Read(result);
            }
        }
        catch (PythonScriptException e) when (e.PythonType.EndsWith("KerasUnavailable", StringComparison.Ordinal))
        {
            whyNotKeras = $"keras does not import: {NumpyLayerReference.FirstLine(e.PythonMessage)}";
        }
        catch (PythonScriptException e) when (e.PythonType == "CaseError")
        {
            whyNotKeras = $"Keras cannot run this case: {NumpyLayerReference.FirstLine(e.PythonMessage)}";
        }
        catch (Exception e) when (!faultsAreErrors && e is PythonUnavailableException or PythonScriptException or InvalidOperationException)
        {
            throw new LayerReferenceUnavailableException($"the layer reference is unavailable: {NumpyLayerReference.FirstLine(e.Message)} (pass --python to make this an error)", e);
        }
        var layers = _numpy.Compute(caseDirectory);
        Name = $"{_numpy.Name} [not Keras: {whyNotKeras}]";
        return layers;
    }

    /// <summary>
    /// The interpreter the NumPy reference would use (the embedded one, --python, RNNPARITY_PYTHON, or the
    /// first with numpy): Keras is tried in it rather than searched for in others, which would start
    /// every candidate interpreter once more (seconds each on a loaded machine).
    /// </summary>
    PythonInterpreter Interpreter()
    {
        // As keras_reference.import_keras does in-process: Keras's numpy backend unless the user chose one.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KERAS_BACKEND"))) Environment.SetEnvironmentVariable("KERAS_BACKEND", "numpy");
        return NumpyLayerReference.Interpreter(python);
    }
}
