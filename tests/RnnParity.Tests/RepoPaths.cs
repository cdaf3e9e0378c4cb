namespace RnnParity.Tests;

/// <summary>Where the repository's own files are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    static readonly Lazy<string> s_root = new(() =>
    {
        // During discovery (TestCaseSource) there may be no test context yet: start from the assembly.
        string start;
        try { start = TestContext.CurrentContext.TestDirectory; }
        catch (Exception) { start = AppContext.BaseDirectory; }
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RnnParity.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no RnnParity.sln above {start}");
    });

    public static string Root => s_root.Value;

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The project's shared test data (<c>keras-models/</c>, <c>wild-models/</c>): beside the
    /// clone (<c>../shared</c>), or where <c>RNNPARITY_SHARED</c> says. Never copied into the repo.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("RNNPARITY_SHARED") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string KerasModels => Path.Combine(Shared, "keras-models");

    public static string WildModels => Path.Combine(Shared, "wild-models");

    /// <summary>The case folders under a shared folder, by name; none when the folder is absent.</summary>
    public static IEnumerable<string> SharedCaseNames(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.GetDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static string KerasFixtures => Path.Combine(Fixtures, "keras");

    public static string NumpyFixtures => Path.Combine(Fixtures, "numpy");

    public static string KerasCase(string name) => Path.Combine(KerasFixtures, name);

    /// <summary>The committed Keras reference cases, by name, in ordinal order.</summary>
    public static IEnumerable<string> KerasCaseNames() =>
        Directory.GetDirectories(KerasFixtures)
            .Where(d => File.Exists(Path.Combine(d, "case.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static string Case(string name) =>
        new[] { KerasFixtures, NumpyFixtures }.Select(d => Path.Combine(d, name)).FirstOrDefault(Directory.Exists)
        ?? throw new DirectoryNotFoundException($"no fixture case '{name}' under {Fixtures}");
}
