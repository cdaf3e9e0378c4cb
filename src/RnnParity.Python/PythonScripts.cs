namespace RnnParity.Python;

/// <summary>
/// Where the repo's <c>python/</c> scripts are at run time. The build copies <c>python/**/*.py</c> next
/// to the assembly (see the csproj), so a built CLI or test run finds them without knowing where the
/// source tree is; <c>RNNPARITY_PYTHON_DIR</c> points elsewhere, e.g. at the source tree while editing.
/// </summary>
public static class PythonScripts
{
    /// <summary>Environment variable overriding <see cref="Directory"/>.</summary>
    public const string DirectoryVariable = "RNNPARITY_PYTHON_DIR";

    /// <summary><c>$RNNPARITY_PYTHON_DIR</c> if set, else <c>AppContext.BaseDirectory/python</c>.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(AppContext.BaseDirectory, "python");
}
