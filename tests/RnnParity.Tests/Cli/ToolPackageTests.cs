using RnnParity.Tests.Packaging;
using System.Xml.Linq;

namespace RnnParity.Tests.Cli;

/// <summary>
/// The CLI as a user installs it: <c>dotnet pack</c> into a temporary feed, <c>dotnet tool install
/// --tool-path</c> from that feed alone (a NuGet config that clears every other source, its own
/// <c>NUGET_PACKAGES</c> folder and a unique version, so neither the network nor a stale cache can
/// pass it), then the installed <c>rnnparity</c> verifies a copy of <c>fixtures/</c> from an
/// unrelated folder and, with Python, regenerates-checks the NumPy cases with its bundled scripts.
/// </summary>
[TestFixture]
public sealed class ToolPackageTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Test]
    public void The_packed_tool_installs_and_verifies_fixtures_from_another_folder()
    {
        using var tmp = new CliTempDir("tool");
        string version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..8];
        string feed = tmp.Sub("feed"), tools = tmp.Sub("tools"), config = tmp.Sub("nuget.config");
        File.WriteAllText(config, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n");
        var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = tmp.Sub("nuget-packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

        // The test project's build already built the CLI; packing that build checks what CI ships.
        Run("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", "RnnParity.Cli"), "-c", Configuration, "--no-build", "-o", feed, $"-p:Version={version}"], RepoPaths.Root, env);
        string package = Path.Combine(feed, $"RnnParity.Cli.{version}.nupkg");
        Assert.That(File.Exists(package), Is.True, $"no {package}");

        Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "--configfile", config, "--version", version, "RnnParity.Cli"], tmp.Path, env);
        string rnnparity = Path.Combine(tools, OperatingSystem.IsWindows() ? "rnnparity.exe" : "rnnparity");
        Assert.That(File.Exists(rnnparity), Is.True, $"dotnet tool install made no {rnnparity}");

        string cases = TestFiles.CopyTree(RepoPaths.Fixtures, tmp.Sub("cases"));
        string elsewhere = Directory.CreateDirectory(tmp.Sub("elsewhere")).FullName;
        var (exit, stdout) = Run(rnnparity, ["verify", cases, "--junit", "report.xml"], elsewhere, env);
        Assert.That(exit, Is.EqualTo(0), stdout);
        int cased = Directory.GetFiles(cases, "case.json", SearchOption.AllDirectories).Length;
        Assert.That(stdout, Does.Contain($"verify: {cased} cases: {cased} PASS, 0 FAIL"));
        var testcases = XDocument.Load(Path.Combine(elsewhere, "report.xml")).Descendants("testcase").ToList();
        Assert.That(testcases, Has.Count.EqualTo(cased));

        // The Python scripts inside the package: regen --check runs the NumPy reference with them.
        string python = CliPython.RequireNumpy().Executable;
        var (regen, regenOut) = Run(rnnparity, ["regen", "--check", Path.Combine(cases, "numpy")], elsewhere,
            new Dictionary<string, string?>(env) { ["RNNPARITY_PYTHON"] = python });
        Assert.That(regen, Is.EqualTo(0), regenOut);
        Assert.That(regenOut, Does.Match(@"regen --check: [1-9]\d* checked, 0 drift, 0 errors"));
    }

    // pack and install must succeed; the tool's own runs are judged by the caller.
    static (int Exit, string Output) Run(string file, IEnumerable<string> args, string cwd, IReadOnlyDictionary<string, string?> env) =>
        DotnetRun.Run(file, args, cwd, env, mustSucceed: file == "dotnet", limit: Limit);
}
