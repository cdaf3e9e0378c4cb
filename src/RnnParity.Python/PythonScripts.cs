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
/// <param name="Passed">Why a checkout's <c>python/</c> around the working directory was not used (its
/// <see cref="PythonScripts.Protocol"/> differs); null when there was none or it was used.</param>
public sealed record PythonScriptsLocation(string Directory, PythonScriptsSource Source, string? Passed = null)
{
    /// <summary>One line saying which <c>python/</c> is used and why.</summary>
    public string Describe() => Source switch
    {
        PythonScriptsSource.Variable => $"python scripts: {Directory} (from {PythonScripts.DirectoryVariable})",
        PythonScriptsSource.Checkout => $"python scripts: {Directory} (the checkout around the working directory)",
        _ when Passed is not null => $"python scripts: {Directory} (bundled with rnnparity; {Passed})",
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

    /// <summary>
    /// The version of the contract between this assembly and <c>python/</c>: which functions it calls, with
    /// which arguments. Bump it together with <c>PROTOCOL</c> in <c>python/scripts_protocol.py</c> whenever
    /// such a call changes. A checkout whose scripts say another number is passed over for the bundled copy:
    /// an rnnparity newer or older than the checkout would otherwise fail inside a script (a TypeError on a
    /// keyword argument one side does not know).
    /// </summary>
    public const int Protocol = 1;

    /// <summary>The file in <c>python/</c> holding <c>PROTOCOL = n</c>.</summary>
    public const string ProtocolFile = "scripts_protocol.py";

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
        string? passed = null;
        if (CheckoutAround(workingDirectory ?? Environment.CurrentDirectory) is { } checkout)
        {
            int? found = ProtocolOf(checkout);
            if (found == Protocol) return new PythonScriptsLocation(checkout, PythonScriptsSource.Checkout);
            passed = $"the checkout's {checkout} is not used: its {ProtocolFile} says "
                + (found is int n ? $"protocol {n}" : "no protocol") + $", this rnnparity speaks protocol {Protocol}";
        }
        return new PythonScriptsLocation(Path.Combine(AppContext.BaseDirectory, "python"), PythonScriptsSource.Bundled, passed);
    }

    /// <summary>The <c>PROTOCOL = n</c> of <paramref name="pythonDirectory"/>'s <see cref="ProtocolFile"/>; null when
    /// the file is missing (scripts older than the protocol) or says no number.</summary>
    public static int? ProtocolOf(string pythonDirectory)
    {
        string file = Path.Combine(pythonDirectory, ProtocolFile);
        if (!File.Exists(file)) return null;
        foreach (string line in File.ReadLines(file))
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^PROTOCOL\s*=\s*(\d+)\s*(#.*)?$");
            if (match.Success && int.TryParse(match.Groups[1].Value, out int n)) return n;
        }
        return null;
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
