namespace RnnParity.Tests.Layers;

/// <summary>Finds the repository (the folder holding <c>RnnParity.sln</c>) and its Keras reference cases.</summary>
internal static class TestRepo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RnnParity.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException(
                $"no RnnParity.sln above {TestContext.CurrentContext.TestDirectory}");
        }
    }

    public static string KerasCase(string name) => Path.Combine(Root, "fixtures", "keras", name);

    public static IEnumerable<string> KerasCaseNames() =>
        Directory.GetDirectories(Path.Combine(Root, "fixtures", "keras"))
            .Where(d => File.Exists(Path.Combine(d, "case.json")) && File.Exists(Path.Combine(d, "model.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
}
