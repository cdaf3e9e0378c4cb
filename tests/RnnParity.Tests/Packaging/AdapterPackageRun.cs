using RnnParity.Tests.Fixtures.Verification;
using System.Xml.Linq;

namespace RnnParity.Tests.Packaging;

/// <summary>
/// A user's test project for a test framework adapter (RnnParity.NUnit, RnnParity.Xunit): the given test
/// class in a net10.0 project referencing the adapter from the local feed alone, over a copy of
/// three fixture cases (<c>cases/keras/…</c>) and a deliberately broken fourth (<c>cases/broken/lstm_sequences</c>),
/// run with <c>dotnet test</c>. Checks what holds for every adapter: the run fails, the package came from the
/// feed, 3 passed and 1 failed, and the failure carries verify's diagnosis.
/// </summary>
public static class AdapterPackageRun
{
    public static readonly string[] Cases = ["lstm_sequences", "gru_reset_after", "simple_rnn_relu_nobias"];

    public static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>
    /// Every test result of the run (TRX <c>UnitTestResult</c>) and <c>dotnet test</c>'s output. The project
    /// references <paramref name="packageId"/> at the feed's version and each of <paramref name="frameworkPackages"/>
    /// at this repository's version (Directory.Packages.props), with <paramref name="properties"/> added.
    /// </summary>
    public static (IReadOnlyList<XElement> Results, string Output) Run(string packageId, string testClass, string[] frameworkPackages, params (string Name, string Value)[] properties)
    {
        var feed = LocalFeed.Shared;
        var csproj = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"), new XElement("ImplicitUsings", "enable"), new XElement("Nullable", "enable"),
                new XElement("IsPackable", "false"), properties.Select(p => new XElement(p.Name, p.Value))),
            new XElement("ItemGroup",
                new XElement("PackageReference", new XAttribute("Include", packageId), new XAttribute("Version", feed.Version)),
                frameworkPackages.Select(id => new XElement("PackageReference", new XAttribute("Include", id), new XAttribute("Version", LocalFeed.CentralVersion(id))))));
        string project = feed.NewProject("UserTests", csproj.ToString());
        File.WriteAllText(Path.Combine(project, "ParityTests.cs"), testClass);
        string cases = Path.Combine(project, "cases");
        foreach (string c in Cases) TestFiles.CopyTree(RepoPaths.KerasCase(c), Path.Combine(cases, "keras", c));
        string broken = BrokenCase.CopyTo(Path.Combine(cases, "broken", "lstm_sequences"));

        string results = Path.Combine(project, "results");
        var (exit, output) = DotnetRun.Run("dotnet", ["test", "-c", "Release", "--logger", "trx;LogFileName=r.trx", "--results-directory", results],
            project, feed.Environment, mustSucceed: false);
        Assert.That(exit, Is.EqualTo(1), $"dotnet test should fail for the broken case:\n{output}");
        string restored = Path.Combine(feed.Environment["NUGET_PACKAGES"]!, packageId.ToLowerInvariant(), feed.Version);
        Assert.That(Directory.Exists(restored), Is.True, $"{packageId} {feed.Version} was not restored from the feed into {restored}");

        var trx = XDocument.Load(Path.Combine(results, "r.trx"));
        var counters = trx.Descendants(Trx + "Counters").Single();
        Assert.That((int)counters.Attribute("total")!, Is.EqualTo(Cases.Length + 1), output);
        Assert.That((int)counters.Attribute("passed")!, Is.EqualTo(Cases.Length), output);
        Assert.That((int)counters.Attribute("failed")!, Is.EqualTo(1), output);
        var testResults = trx.Descendants(Trx + "UnitTestResult").ToList();
        string message = testResults.Single(r => (string)r.Attribute("outcome")! == "Failed").Descendants(Trx + "Message").Single().Value;
        Assert.That(message, Does.Contain("FAIL  lstm_sequences  max_abs_error=5e-01")
            .And.Contain("first: [1, 3, 2]").And.Contain("t3 5e-01 ← first beyond tolerance").And.Contain("rnnparity diff"));
        return (testResults, output);
    }

    public static string TestName(XElement result) => (string)result.Attribute("testName")!;

    public static string Outcome(XElement result) => (string)result.Attribute("outcome")!;
}
