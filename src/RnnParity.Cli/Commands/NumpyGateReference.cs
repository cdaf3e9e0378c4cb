using System.Text.Json;
using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Gates;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// The NumPy reference's cells (<c>python/numpy_gate_trace.py</c>) as <c>diff</c>'s gate reference,
/// through the embedded interpreter; faults are handled as <see cref="NumpyLayerReference"/> does.
/// </summary>
public sealed class NumpyGateReference(string? python, bool faultsAreErrors) : IGateReference
{
    public string Name => "the NumPy reference (python/numpy_gate_trace.py)";

    public GateSteps Trace(GateTraceRequest request)
    {
        try
        {
            PythonRuntime.Ensure(NumpyLayerReference.Interpreter(python));
            using (Py.GIL())
            {
                string config = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["activation"] = request.Activation,
                    ["recurrent_activation"] = request.RecurrentActivation,
                    ["reset_after"] = request.ResetAfter,
                });
                using var weights = List(request.Weights);
                using var states = List(request.InitialStates);
                using var mask = request.Mask is null ? null
                    : NumpyArrays.ToNumpy(new Tensor((int[])request.Inputs.Shape[..2], request.Mask.Select(m => m ? 1f : 0f).ToArray()));
                using var result = PythonCall.Invoke("numpy_gate_trace", "trace", request.Kind, config, weights, request.Inputs, states,
                    mask, request.GoBackwards);
                using var gates = result[0];
                using var stepStates = result[1];
                return new GateSteps(NumpyArrays.ToTensor(gates), NumpyArrays.ToTensor(stepStates));
            }
        }
        catch (PythonScriptException e) when (e.PythonType == "ValueError")
        {
            throw new LayerReferenceUnavailableException($"{Name} cannot trace this layer: {e.PythonMessage}", e);
        }
        catch (Exception e) when (!faultsAreErrors && e is PythonUnavailableException or PythonScriptException or InvalidOperationException)
        {
            throw new LayerReferenceUnavailableException($"{Name} is unavailable: {NumpyLayerReference.FirstLine(e.Message)} (pass --python to make this an error)", e);
        }
    }

    static PyList List(IEnumerable<Tensor> tensors)
    {
        var list = new PyList();
        foreach (var t in tensors)
        {
            using var array = NumpyArrays.ToNumpy(t);
            list.Append(array);
        }
        return list;
    }
}
