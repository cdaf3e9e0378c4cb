namespace RnnParity.Cli;

/// <summary>The exit codes every command shares; documented in README.md.</summary>
public static class ExitCodes
{
    /// <summary>Every case passed / no drift.</summary>
    public const int Ok = 0;

    /// <summary>At least one case failed, or drift was found.</summary>
    public const int Failed = 1;

    /// <summary>Called wrongly, a path that does not exist, no case found, or an unreadable case during regeneration.</summary>
    public const int Usage = 2;

    /// <summary>The Python environment the command needs (interpreter, libpython, numpy) is missing. A missing keras skips Keras cases instead.</summary>
    public const int PythonUnavailable = 3;

    /// <summary>A Python script raised an exception (its traceback is printed).</summary>
    public const int ScriptError = 4;

    /// <summary>A Python script did not finish within --timeout; the process ended itself.</summary>
    public const int Timeout = 5;
}
