namespace RnnParity.Fixtures.Format;

/// <summary>
/// A fixture case that cannot be read: names the case, the file and the field at fault.
/// </summary>
/// <remarks>
/// The message always has the form
/// <c>case 'NAME': FILE: field 'FIELD': DETAIL</c>, where the file and field parts are left out
/// when they do not apply (for example a JSON syntax error has no field; its position is in DETAIL).
/// <see cref="CaseName"/> is the case directory's name, known even when <c>case.json</c> is unreadable.
/// <see cref="File"/> is relative to the case directory (<c>case.json</c>, <c>w00.npy</c>).
/// <see cref="Field"/> is a JSON path into <see cref="File"/> (<c>runs[1].inputs[0].file</c>) or, for a
/// <c>.npy</c> file, the header part at fault (<c>magic</c>, <c>version</c>, <c>header_len</c>,
/// <c>header</c>, <c>descr</c>, <c>fortran_order</c>, <c>shape</c>, <c>data</c>, <c>file</c>).
/// </remarks>
public class FixtureException : Exception
{
    public FixtureException(string caseName, string? file, string? field, string detail, string? referencedBy = null, Exception? inner = null)
        : base(Compose(caseName, file, field, detail, referencedBy), inner)
    {
        CaseName = caseName;
        File = file;
        Field = field;
        Detail = detail;
        ReferencedBy = referencedBy;
    }

    public string CaseName { get; }

    /// <summary>File name relative to the case directory, or null for the directory itself.</summary>
    public string? File { get; }

    /// <summary>JSON path or .npy header field, or null when no field applies.</summary>
    public string? Field { get; }

    /// <summary>What was expected and what was found, without the case/file/field prefix.</summary>
    public string Detail { get; }

    /// <summary>For a fault inside a referenced file: the <c>case.json</c> field that names it.</summary>
    public string? ReferencedBy { get; }

    public static string Compose(string caseName, string? file, string? field, string detail, string? referencedBy = null)
    {
        var parts = new List<string>(4) { $"case '{caseName}'" };
        if (file is not null) parts.Add(file);
        if (field is not null) parts.Add($"field '{field}'");
        parts.Add(detail);
        string message = string.Join(": ", parts);
        if (referencedBy is not null) message += $" (file named by case.json field '{referencedBy}')";
        return message;
    }
}

/// <summary>
/// A path given to <see cref="CaseDiscovery.Find"/> does not exist or is not a case: a usage error
/// (the CLI exits 2), distinct from a broken case (<see cref="FixtureException"/>).
/// </summary>
public sealed class CasePathException : Exception
{
    public CasePathException(IReadOnlyList<string> paths, string message) : base(message) => Paths = paths;

    /// <summary>Every offending path, as given.</summary>
    public IReadOnlyList<string> Paths { get; }
}

/// <summary>A .npy file that cannot be read. <see cref="Field"/> names the header part at fault.</summary>
/// <remarks>Message form: <c>FILE: field 'FIELD': DETAIL</c>.</remarks>
public sealed class NpyFormatException : Exception
{
    public NpyFormatException(string file, string field, string detail, Exception? inner = null)
        : base($"{file}: field '{field}': {detail}", inner)
    {
        File = file;
        Field = field;
        Detail = detail;
    }

    public string File { get; }
    public string Field { get; }
    public string Detail { get; }
}
