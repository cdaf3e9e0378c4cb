using System.CommandLine;
using RnnParity.Cli.Usage;
using RnnParity.Python;

namespace RnnParity.Cli.Commands;

/// <summary>
/// What every command that runs Python shares: choosing the interpreter (<c>--python</c>, else
/// <c>RNNPARITY_PYTHON</c>, else a search), starting it once, and a time limit.
/// </summary>
public static class PythonSession
{
    public static Option<string?> PythonOption() => new("--python")
    {
        Description = "The Python interpreter to embed (default: $RNNPARITY_PYTHON, else the first of python3, /usr/bin/python3, ... that imports what the command needs).",
    };

    public static Option<int> TimeoutOption() => new Option<int>("--timeout")
    {
        Description = "Seconds the Python work may take before the process ends itself (exit code 5).",
        DefaultValueFactory = _ => 600,
    }.Expects("a positive whole number of seconds", seconds => seconds > 0);

    /// <summary>
    /// Starts Python with <paramref name="modules"/> importable and runs <paramref name="work"/>.
    /// Python cannot be interrupted from inside its own process, so on timeout the process exits.
    /// </summary>
    /// <param name="unavailableHint">Printed after the locator's reasons when no interpreter fits (e.g. how to get Keras).</param>
    /// <param name="preferredModules">Tried first (quietly) when the interpreter is searched for, so an optional
    /// module (keras for <c>live</c>) is used where some candidate has it; <paramref name="modules"/> otherwise.</param>
    public static int Run(string command, IReadOnlyList<string> modules, string? python, int timeoutSeconds, Func<int> work,
        string? unavailableHint = null, IReadOnlyList<string>? preferredModules = null)
    {
        if (timeoutSeconds <= 0)
        {
            Console.Error.WriteLine($"rnnparity {command}: --timeout must be a positive number of seconds, got {timeoutSeconds}.");
            return ExitCodes.Usage;
        }
        PythonLocation location;
        PythonScriptsLocation scripts = PythonScripts.Locate();
        try
        {
            location = LocatePreferring(preferredModules, modules, python);
            PythonRuntime.Ensure(location.Chosen).AddScriptsDirectory(scripts.Directory);
        }
        catch (PythonUnavailableException e)
        {
            Console.Error.WriteLine($"rnnparity {command}: {e.Message}");
            if (unavailableHint is not null) Console.Error.WriteLine(unavailableHint);
            return ExitCodes.PythonUnavailable;
        }
        Console.Error.WriteLine(location.Describe());
        // A checkout's python/ and the bundled copy can differ (a case just added to the catalogue): say which ran.
        Console.Error.WriteLine(scripts.Describe());

        int exit = ExitCodes.Failed;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try { exit = work(); }
            catch (Exception e) { failure = e; }
        }) { IsBackground = true, Name = $"rnnparity {command}" };
        worker.Start();
        if (!worker.Join(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            Console.Error.WriteLine($"rnnparity {command}: the Python work did not finish within {timeoutSeconds} s; ending the process (exit {ExitCodes.Timeout}). Nothing was left half-written: case directories are swapped in whole.");
            Console.Error.Flush();
            Console.Out.Flush();
            // A thread still inside Python holds the GIL; a normal exit would wait for it forever.
            Environment.Exit(ExitCodes.Timeout);
        }
        switch (failure)
        {
            case null: return exit;
            case PythonScriptException e:
                Console.Error.WriteLine($"rnnparity {command}: the Python script failed:");
                Console.Error.WriteLine(e.Message);
                return ExitCodes.ScriptError;
            default:
                Console.Error.WriteLine($"rnnparity {command}: {failure.GetType().Name}: {failure.Message}");
                return ExitCodes.ScriptError;
        }
    }

    static PythonLocation LocatePreferring(IReadOnlyList<string>? preferred, IReadOnlyList<string> modules, string? python)
    {
        if (preferred is not null)
        {
            try { return PythonLocator.Locate(preferred, python); }
            catch (PythonUnavailableException) { } // the required set below decides, and its message is the one shown
        }
        return PythonLocator.Locate(modules, python);
    }
}
