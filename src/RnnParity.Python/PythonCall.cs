using Python.Runtime;
using RnnParity.Core.Tensors;

namespace RnnParity.Python;

/// <summary>
/// Calls a function of an importable module: <c>PythonCall.Invoke("bridge_selftest", "echo", 3)</c>.
/// Arguments convert as: <see cref="PyObject"/> as is, <see cref="Tensor"/> to a float32 numpy array,
/// <c>int[]</c> to a tuple (a shape), null to None, strings and numbers to their Python types.
/// Python exceptions become <see cref="PythonScriptException"/> with the full traceback.
/// </summary>
/// <remarks>Takes the GIL itself (re-entrant); the returned object must be used and disposed under the GIL.</remarks>
public static class PythonCall
{
    /// <summary>Imports <paramref name="module"/> and calls <paramref name="function"/> with positional arguments.</summary>
    public static PyObject Invoke(string module, string function, params object?[] args)
    {
        using var m = PythonModule.Import(module);
        return m.Call(function, args);
    }

    /// <summary>Imports <paramref name="module"/> and calls <paramref name="function"/> with positional and keyword arguments.</summary>
    public static PyObject Invoke(string module, string function, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        using var m = PythonModule.Import(module);
        return m.Call(function, args, kwargs);
    }

    /// <summary>Converts one argument; new objects are added to <paramref name="owned"/> for disposal.</summary>
    internal static PyObject ToPython(object? value, List<PyObject> owned)
    {
        if (value is PyObject py) return py;
        PyObject result = value switch
        {
            null => PyObject.None,
            Tensor t => NumpyArrays.ToNumpy(t),
            int[] shape => NumpyArrays.ShapeTuple(shape),
            string s => new PyString(s),
            bool b => b.ToPython(),
            int i => new PyInt(i),
            long l => new PyInt(l),
            float f => new PyFloat(f),
            double d => new PyFloat(d),
            _ => value.ToPython(),
        };
        if (value is not null) owned.Add(result);
        return result;
    }

    /// <summary>Turns a pythonnet exception into plain strings; call while still holding the GIL.</summary>
    internal static PythonScriptException Translate(PythonException e, string call)
    {
        string type = e.Type.Name;
        string message;
        string traceback;
        try
        {
            message = e.Value?.ToString() ?? "";
            using var tb = Py.Import("traceback");
            using var lines = tb.InvokeMethod("format_exception",
                e.Type, e.Value ?? PyObject.None, e.Traceback ?? PyObject.None);
            using var empty = new PyString("");
            traceback = empty.InvokeMethod("join", lines).As<string>();
        }
        catch (PythonException inner)
        {
            message = e.Message;
            traceback = $"(traceback unavailable: {inner.Message})";
        }
        return new PythonScriptException(call, type, message, traceback);
    }
}
