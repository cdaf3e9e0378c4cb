namespace RnnParity.Python;

/// <summary>Why a candidate interpreter cannot be used. The distinctions matter because each has a
/// different fix (install python, install libpython, install a module).</summary>
public enum PythonProblem
{
    /// <summary>The candidate fits.</summary>
    None,

    /// <summary>No executable at that path or on PATH, it did not start, or it did not answer in time.</summary>
    NotFound,

    /// <summary>It ran but no shared libpython for it exists (static build, or libpython3.X not installed).</summary>
    LibraryNotFound,

    /// <summary>It ran but at least one required module does not import.</summary>
    ModuleMissing,
}
