using System.Xml.Linq;

namespace RnnParity.Tests.Packaging;

/// <summary>
/// The libraries as a user gets them: packed once per test run (from the test build's own output,
/// <c>--no-build</c>) into a temporary feed under a unique version, with a NuGet config that lists
/// that feed as the only source and an empty <c>NUGET_PACKAGES</c>, so neither the network nor a stale
/// cache can supply an RnnParity package. Third-party dependencies (NumSharp, PureHDF, NUnit, ...)
/// come from the machine's package folder as a read-only fallback, the versions this repository
/// restored (<c>Directory.Packages.props</c>).
/// </summary>
public sealed class LocalFeed
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    /// <summary>The packages a user's project may reference; the meta package <c>RnnParity</c> brings the first four.</summary>
    public static readonly string[] Projects = ["RnnParity.Core", "RnnParity.Layers", "RnnParity.KerasConfig", "RnnParity.Fixtures", "RnnParity", "RnnParity.NUnit", "RnnParity.Xunit"];

    static readonly Lazy<LocalFeed> s_shared = new(() => new LocalFeed(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The one feed of this test run (packing takes most of a minute here).</summary>
    public static LocalFeed Shared => s_shared.Value;

    LocalFeed()
    {
        Root = TestFiles.NewTempFolder("feed");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        Version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..8];
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        string machinePackages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        NuGetConfig = Path.Combine(Root, "nuget.config");
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "rnnparity-test-feed"), new XAttribute("value", Feed))),
            new XElement("fallbackPackageFolders", new XElement("clear"), new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages))))).Save(NuGetConfig);
        Environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        // One MSBuild process packs every project (one dotnet pack per project took ~14 s each here).
        string packAll = Path.Combine(Root, "pack-all.proj");
        new XDocument(new XElement("Project",
            new XElement("Target", new XAttribute("Name", "PackAll"),
                new XElement("MSBuild",
                    new XAttribute("Projects", string.Join(';', Projects.Select(ProjectFile))),
                    new XAttribute("Targets", "Pack"),
                    new XAttribute("Properties", $"Configuration={Configuration};NoBuild=true;Version={Version};PackageOutputPath={Feed}"))))).Save(packAll);
        DotnetRun.Run("dotnet", ["msbuild", packAll, "-t:PackAll", "-nologo", "-v:minimal"], Root, Environment);
        foreach (string id in Projects)
            Assert.That(File.Exists(Path.Combine(Feed, $"{id}.{Version}.nupkg")), Is.True, $"no {id}.{Version}.nupkg in {Feed}");
    }

    static string ProjectFile(string id) => Path.Combine(RepoPaths.Root, "src", id, id + ".csproj");

    /// <summary>Temporary root: the feed, the NuGet config, the package folder and the projects made in it.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>The unique version every package of this run has.</summary>
    public string Version { get; }

    public string NuGetConfig { get; }

    /// <summary>For every dotnet process: its own <c>NUGET_PACKAGES</c>, no telemetry or banners.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The version of a third-party package this repository uses (Directory.Packages.props), found in the fallback folder.</summary>
    public static string CentralVersion(string id) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;

    /// <summary>
    /// A new project folder holding <paramref name="csproj"/> (with <c>VERSION</c> replaced by this feed's
    /// version) and this feed's NuGet config, outside the repository so none of its props apply.
    /// </summary>
    public string NewProject(string name, string csproj)
    {
        string dir = Directory.CreateDirectory(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), csproj.Replace("VERSION", Version, StringComparison.Ordinal));
        File.Copy(NuGetConfig, Path.Combine(dir, "nuget.config"));
        return dir;
    }
}
