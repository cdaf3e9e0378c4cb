namespace RnnParity.Python;

/// <summary>Which <c>python/</c> folder the scripts come from, and why.</summary>
public enum PythonScriptsSource
{
    /// <summary><c>RNNPARITY_PYTHON_DIR</c> names it.</summary>
    Variable,

    /// <summary>The working directory is inside a checkout: a parent folder holds <c>RnnParity.sln</c> and <c>python/case_catalogue.py</c>.</summary>
    Checkout,

    /// <summary>The copy the build (or the tool package) put next to the assembly.</summary>
    Bundled,
}

/// <summary>A resolved scripts folder.</summary>
public sealed record PythonScriptsLocation(string Directory, PythonScriptsSource Source)
{
    /// <summary>One line saying which <c>python/</c> is used and why.</summary>
    public string Describe() => Source switch
    {
        PythonScriptsSource.Variable => $"python scripts: {Directory} (from {PythonScripts.DirectoryVariable})",
        PythonScriptsSource.Checkout => $"python scripts: {Directory} (the checkout around the working directory)",
        _ => $"python scripts: {Directory} (bundled with rnnparity; inside a checkout its python/ is used)",
    };

    public override string ToString() => Describe();
}

/// <summary>
/// Where the repo's <c>python/</c> scripts are at run time. Inside a checkout the checkout's own
/// <c>python/</c> is used, so an edit to <c>python/case_catalogue.py</c> counts without a rebuild; elsewhere
/// the copy the build puts next to the assembly (see the csproj); <c>RNNPARITY_PYTHON_DIR</c> overrides both.
/// </summary>
public static class PythonScripts
{
    /// <summary>Environment variable overriding <see cref="Directory"/>.</summary>
    public const string DirectoryVariable = "RNNPARITY_PYTHON_DIR";

    /// <summary>The file that, with <c>RnnParity.sln</c> beside <c>python/</c>, marks a checkout.</summary>
    public const string CheckoutMarker = "case_catalogue.py";

    /// <summary>The folder <see cref="Locate"/> chooses for the current working directory.</summary>
    public static string Directory => Locate().Directory;

    /// <summary>
    /// <c>$RNNPARITY_PYTHON_DIR</c> if set; else <c>python/</c> of the nearest folder at or above
    /// <paramref name="workingDirectory"/> (default: the current one) holding <c>RnnParity.sln</c> and
    /// <c>python/case_catalogue.py</c>; else <c>AppContext.BaseDirectory/python</c>.
    /// </summary>
    public static PythonScriptsLocation Locate(string? workingDirectory = null)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir)
            return new PythonScriptsLocation(Path.GetFullPath(dir), PythonScriptsSource.Variable);
        if (CheckoutAround(workingDirectory ?? Environment.CurrentDirectory) is { } checkout)
            return new PythonScriptsLocation(checkout, PythonScriptsSource.Checkout);
        return new PythonScriptsLocation(Path.Combine(AppContext.BaseDirectory, "python"), PythonScriptsSource.Bundled);
    }

    static string? CheckoutAround(string start)
    {
        for (var d = new DirectoryInfo(Path.GetFullPath(start)); d is not null; d = d.Parent)
        {
            string python = Path.Combine(d.FullName, "python");
            if (File.Exists(Path.Combine(d.FullName, "RnnParity.sln")) && File.Exists(Path.Combine(python, CheckoutMarker)))
                return python;
        }
        return null;
    }
}
