namespace RnnParity.Python;

/// <summary>
/// A Python exception raised by a reference script, carried as plain strings (type, message, full
/// formatted traceback) so it can be shown by a CLI or test report without holding the GIL — the
/// traceback is what tells a user which line of which script failed.
/// </summary>
public sealed class PythonScriptException : Exception
{
    public PythonScriptException(string call, string pythonType, string pythonMessage, string traceback)
        : base($"{call} raised {pythonType}: {pythonMessage}{Environment.NewLine}{traceback.TrimEnd()}")
    {
        Call = call;
        PythonType = pythonType;
        PythonMessage = pythonMessage;
        PythonTraceback = traceback;
    }

    /// <summary>What was called, e.g. <c>bridge_selftest.fail()</c>.</summary>
    public string Call { get; }

    /// <summary>The exception type's qualified name, e.g. <c>ValueError</c>.</summary>
    public string PythonType { get; }

    /// <summary><c>str(exception)</c>.</summary>
    public string PythonMessage { get; }

    /// <summary><c>"".join(traceback.format_exception(...))</c>, starting "Traceback (most recent call last):".</summary>
    public string PythonTraceback { get; }
}
