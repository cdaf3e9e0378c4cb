namespace RnnParity.Tests;

/// <summary>File helpers the tests share; the committed fixtures are only ever changed in copies.</summary>
public static class TestFiles
{
    /// <summary>Copies a folder recursively (without Python caches); returns <paramref name="to"/>.</summary>
    public static string CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (string d in Directory.GetDirectories(from))
            if (Path.GetFileName(d) != "__pycache__") CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
        return to;
    }

    /// <summary>A new, empty folder under the system temp folder.</summary>
    public static string NewTempFolder(string purpose)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"rnnparity-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
