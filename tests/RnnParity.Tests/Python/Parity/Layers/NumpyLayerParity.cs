using Python.Runtime;
using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Python;

namespace RnnParity.Tests.Python.Parity.Layers;

/// <summary>
/// Runs a layer of <c>python/numpy_layers</c> (through <c>numpy_layer_call.run</c>) on the weights of a
/// built C# layer and the same inputs and masks, and returns its outputs and output masks.
/// </summary>
internal static class NumpyLayerParity
{
    public static (IReadOnlyList<Tensor> Outputs, IReadOnlyList<bool[]?> Masks) Run(Layer layer, string configJson,
        IReadOnlyList<Tensor> inputs, string callKwargsJson = "{}")
    {
        PythonEnvironment.RequireNumpy();
        using (Py.GIL())
        {
            var owned = new List<PyObject>();
            try
            {
                PyList List(IEnumerable<PyObject> items)
                {
                    var list = new PyList();
                    owned.Add(list);
                    foreach (var item in items) list.Append(item);
                    return list;
                }
                PyObject Array(Tensor t) { var a = NumpyArrays.ToNumpy(t); owned.Add(a); return a; }
                PyObject Mask(Tensor t) => t.Mask is null ? PyObject.None
                    : Array(new Tensor(t.Shape[..2], t.Mask.Select(m => m ? 1f : 0f).ToArray()));

                var weights = List(layer.Weights.Select(w => Array(new Tensor(w.Shape.Length == 0 ? [1] : w.Shape, w.Data))));
                string shapes = "[" + string.Join(", ", layer.Weights.Select(w => "[" + string.Join(", ", w.Shape) + "]")) + "]";
                var arrays = List(inputs.Select(Array));
                var masks = List(inputs.Select(Mask));
                using var result = PythonCall.Invoke("numpy_layer_call", "run", layer.ClassName, configJson, weights, arrays, masks, callKwargsJson, shapes);
                using var outs = result[0];
                using var outMasks = result[1];
                var outputs = new List<Tensor>();
                var maskList = new List<bool[]?>();
                for (int i = 0; i < (int)outs.Length(); i++)
                {
                    using var o = outs[i];
                    outputs.Add(NumpyArrays.ToTensor(o));
                    using var m = outMasks[i];
                    maskList.Add(m.IsNone() ? null : NumpyArrays.ToTensor(m).Data.Select(v => v > 0.5f).ToArray());
                }
                return (outputs, maskList);
            }
            finally
            {
                foreach (var o in owned) o.Dispose();
            }
        }
    }

    /// <summary>Largest |a − b| over two tensors of the same shape.</summary>
    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.That(a.Shape, Is.EqualTo(b.Shape), "shapes");
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs((double)a.Data[i] - b.Data[i]));
        return max;
    }
}
