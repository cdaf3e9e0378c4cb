namespace RnnParity.Tests;

/// <summary>Where the repository's own files are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RnnParity.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no RnnParity.sln above {TestContext.CurrentContext.TestDirectory}");
    });

    public static string Root => s_root.Value;

    public static string Fixtures => Path.Combine(Root, "fixtures");

    public static string KerasFixtures => Path.Combine(Fixtures, "keras");

    public static string NumpyFixtures => Path.Combine(Fixtures, "numpy");

    public static string Case(string name) =>
        new[] { KerasFixtures, NumpyFixtures }.Select(d => Path.Combine(d, name)).FirstOrDefault(Directory.Exists)
        ?? throw new DirectoryNotFoundException($"no fixture case '{name}' under {Fixtures}");
}
