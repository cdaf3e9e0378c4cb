using Python.Runtime;

namespace RnnParity.Python;

/// <summary>
/// An imported Python module whose functions are called by name; wraps pythonnet so that callers never
/// see a raw <see cref="PythonException"/>, only <see cref="PythonScriptException"/> with the traceback.
/// </summary>
/// <remarks>Methods take the GIL themselves (re-entrant). Returned objects must be used and disposed
/// inside <c>using (Py.GIL())</c>.</remarks>
public sealed class PythonModule : IDisposable
{
    readonly PyObject _module;

    PythonModule(string name, PyObject module)
    {
        Name = name;
        _module = module;
    }

    /// <summary>The module's import name.</summary>
    public string Name { get; }

    /// <summary>The module object itself, for attribute access beyond <see cref="Call(string, object?[])"/>.</summary>
    public PyObject Object => _module;

    /// <summary>Imports a module by name (from <c>sys.path</c>, which includes <see cref="PythonScripts.Directory"/>).</summary>
    /// <exception cref="PythonScriptException">The import failed (not found, or the module raised).</exception>
    public static PythonModule Import(string name)
    {
        PythonRuntime.ThrowIfNotStarted();
        using (Py.GIL())
        {
            try
            {
                return new PythonModule(name, Py.Import(name));
            }
            catch (PythonException e)
            {
                throw PythonCall.Translate(e, $"import {name}");
            }
        }
    }

    /// <summary>Calls <c>module.function(*args)</c>.</summary>
    public PyObject Call(string function, params object?[] args) =>
        Call(function, args, new Dictionary<string, object?>());

    /// <summary>Calls <c>module.function(*args, **kwargs)</c>.</summary>
    /// <exception cref="PythonScriptException">The function is missing or raised.</exception>
    public PyObject Call(string function, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(kwargs);
        string call = $"{Name}.{function}()";
        var owned = new List<PyObject>();
        using (Py.GIL())
        {
            try
            {
                using var fn = _module.GetAttr(function);
                var positional = args.Select(a => PythonCall.ToPython(a, owned)).ToArray();
                using var keywords = new PyDict();
                foreach (var (key, value) in kwargs)
                    keywords[key] = PythonCall.ToPython(value, owned);
                return fn.Invoke(positional, keywords);
            }
            catch (PythonException e)
            {
                throw PythonCall.Translate(e, call);
            }
            finally
            {
                foreach (var o in owned) o.Dispose();
            }
        }
    }

    public void Dispose()
    {
        using (Py.GIL()) _module.Dispose();
    }
}
