using Python.Runtime;

namespace RnnParity.Python;

/// <summary>
/// The embedded interpreter of this process. pythonnet can initialise once per process (re-initialising
/// after Shutdown throws) and loads one libpython, so the first <see cref="Ensure"/> decides for good
/// and later calls must name the same installation.
/// </summary>
/// <remarks>
/// Threading: after initialising, the main thread releases the GIL (<c>BeginAllowThreads</c>); every
/// use of Python, on any thread, goes inside <c>using (Py.GIL())</c> (or <see cref="Run{T}"/>) and must
/// not <c>await</c> inside it. Without <c>BeginAllowThreads</c>, parallel NUnit tests deadlock; a thread
/// still holding the GIL when <c>Main</c> returns hangs the process.
/// </remarks>
public sealed class PythonRuntime
{
    /// <summary>Environment variable that sets <c>PythonEngine.PythonHome</c>; normally unnecessary,
    /// because <c>ProgramName = sys.executable</c> lets Python find its own prefix.</summary>
    public const string HomeVariable = "RNNPARITY_PYTHON_HOME";

    static readonly object s_gate = new();
    static PythonRuntime? s_current;
    static Exception? s_failure;
    static IntPtr s_mainThreadState;

    PythonRuntime(PythonInterpreter chosen) => Chosen = chosen;

    /// <summary>The interpreter this process embeds.</summary>
    public PythonInterpreter Chosen { get; }

    /// <summary>The runtime if <see cref="Ensure"/> has succeeded, else null.</summary>
    public static PythonRuntime? Current => Volatile.Read(ref s_current);

    /// <summary>
    /// Starts the embedded interpreter on first call (thread-safe), adds <see cref="PythonScripts.Directory"/>
    /// to <c>sys.path</c>, and checks that the embedded interpreter really is <paramref name="interpreter"/>
    /// (same version, its modules import). Later calls with the same installation return the same runtime.
    /// </summary>
    /// <exception cref="InvalidOperationException">Python already runs a different installation in this
    /// process (it cannot be switched), or starting it failed earlier.</exception>
    public static PythonRuntime Ensure(PythonInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        lock (s_gate)
        {
            if (s_current is { } current)
            {
                if (current.Chosen.IsSameInstallation(interpreter)) return current;
                throw new InvalidOperationException(
                    $"Python is already running in this process as {current.Chosen}; it cannot switch to " +
                    $"{interpreter} (pythonnet embeds one libpython per process). Choose one interpreter for " +
                    $"the whole run, e.g. with {PythonLocator.InterpreterVariable} or --python.");
            }
            if (s_failure is not null)
                throw new InvalidOperationException($"Starting Python failed earlier in this process: {s_failure.Message}", s_failure);
            if (PythonEngine.IsInitialized)
                throw new InvalidOperationException(
                    "Python was initialised in this process without PythonRuntime.Ensure, so which interpreter it runs is unknown.");

            try
            {
                Runtime.PythonDLL = interpreter.LibraryPath;
                PythonEngine.ProgramName = interpreter.Executable;
                if (Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home)
                    PythonEngine.PythonHome = home;
                PythonEngine.Initialize();
                s_mainThreadState = PythonEngine.BeginAllowThreads();
            }
            catch (Exception e)
            {
                s_failure = e;
                throw new InvalidOperationException($"Could not start Python {interpreter}: {e.Message}", e);
            }

            var runtime = new PythonRuntime(interpreter);
            try
            {
                using (Py.GIL())
                {
                    Verify(interpreter);
                    AddToSysPath(PythonScripts.Directory);
                }
            }
            catch (Exception e)
            {
                s_failure = e;
                throw;
            }
            Volatile.Write(ref s_current, runtime);
            return runtime;
        }
    }

    /// <summary>Puts <paramref name="directory"/> first on <c>sys.path</c> (once) so its modules import by name.</summary>
    public void AddScriptsDirectory(string directory)
    {
        using (Py.GIL()) AddToSysPath(Path.GetFullPath(directory));
    }

    /// <summary>Runs <paramref name="body"/> holding the GIL. The body must not await.</summary>
    public T Run<T>(Func<T> body)
    {
        using (Py.GIL()) return body();
    }

    /// <summary>Runs <paramref name="body"/> holding the GIL. The body must not await.</summary>
    public void Run(Action body)
    {
        using (Py.GIL()) body();
    }

    /// <summary>Guards helpers that take the GIL: <c>Py.GIL()</c> on an uninitialised engine would
    /// silently initialise whatever python pythonnet finds first — exactly what the locator avoids.</summary>
    internal static void ThrowIfNotStarted()
    {
        if (Current is null)
            throw new InvalidOperationException("Python is not started: call PythonRuntime.Ensure(PythonLocator.Locate(...).Chosen) first.");
    }

    static void AddToSysPath(string directory)
    {
        using var sys = Py.Import("sys");
        using var path = sys.GetAttr("path");
        using var entry = new PyString(directory);
        using var count = path.InvokeMethod("count", entry);
        if (count.As<int>() == 0)
        {
            using var zero = new PyInt(0);
            path.InvokeMethod("insert", zero, entry).Dispose();
        }
    }

    /// <summary>The probe ran <c>sys.executable</c> as a child; make sure the embedded copy matches it
    /// (a wrong ProgramName once made Debian's libpython load pyenv's standard library).</summary>
    static void Verify(PythonInterpreter interpreter)
    {
        using var sys = Py.Import("sys");
        using var info = sys.GetAttr("version_info");
        using var major = info[0];
        using var minor = info[1];
        using var micro = info[2];
        string version = $"{major.As<int>()}.{minor.As<int>()}.{micro.As<int>()}";
        using var prefixObject = sys.GetAttr("prefix");
        string prefix = prefixObject.As<string>();
        if (version != interpreter.Version)
            throw new InvalidOperationException(
                $"Embedded Python is {version} (prefix {prefix}) but {interpreter.Executable} is {interpreter.Version}; " +
                $"{interpreter.LibraryPath} does not belong to that interpreter. Set {PythonLocator.LibraryVariable} to the right libpython.");
        foreach (string module in interpreter.Modules.Keys)
        {
            try
            {
                Py.Import(module).Dispose();
            }
            catch (PythonException e)
            {
                throw new InvalidOperationException(
                    $"{module} imports in {interpreter.Executable} run as a program but not in the embedded interpreter " +
                    $"(prefix {prefix}): {e.Message}. Try {HomeVariable}={interpreter.Home}.", e);
            }
        }
    }
}
