using System.Xml.Linq;
using RnnParity.Tests.Cli;
using RnnParity.Tests.Packaging;

namespace RnnParity.Tests.NUnitIntegration;

/// <summary>
/// The package <c>RnnParity.NUnit</c> in a user's test project: a fresh NUnit project referencing it from
/// the locally packed feed alone, with README's one <c>[TestCaseSource]</c> line over a copy of three
/// fixture cases and a deliberately broken fourth; <c>dotnet test</c> must report 3 passed and 1 failed,
/// the failure carrying verify's diagnosis.
/// </summary>
[TestFixture]
public sealed class NUnitPackageTests
{
    static readonly string[] Cases = ["lstm_sequences", "gru_reset_after", "simple_rnn_relu_nobias"];

    const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <IsPackable>false</IsPackable>
            <IsTestProject>true</IsTestProject>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="RnnParity.NUnit" Version="VERSION" />
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="TESTSDK" />
            <PackageReference Include="NUnit" Version="NUNIT" />
            <PackageReference Include="NUnit3TestAdapter" Version="ADAPTER" />
          </ItemGroup>
        </Project>
        """;

    const string TestClass = """
        using NUnit.Framework;
        using RnnParity.NUnit;

        namespace UserTests;

        public class ParityTests
        {
            [TestCaseSource(typeof(FixtureCases), nameof(FixtureCases.In), new object[] { "cases" })]
            public void Matches_keras(FixtureCaseRef fixtureCase) => fixtureCase.Verify();
        }
        """;

    [Test]
    public void A_user_project_gets_one_test_per_case_and_the_broken_one_fails_with_the_diagnosis()
    {
        var feed = LocalFeed.Shared;
        string project = feed.NewProject("UserTests", TestProject
            .Replace("TESTSDK", LocalFeed.CentralVersion("Microsoft.NET.Test.Sdk"), StringComparison.Ordinal)
            .Replace("ADAPTER", LocalFeed.CentralVersion("NUnit3TestAdapter"), StringComparison.Ordinal)
            .Replace("NUNIT", LocalFeed.CentralVersion("NUnit"), StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "ParityTests.cs"), TestClass);
        string cases = Path.Combine(project, "cases");
        foreach (string c in Cases) TestFiles.CopyTree(RepoPaths.KerasCase(c), Path.Combine(cases, "keras", c));
        string broken = TestFiles.CopyTree(RepoPaths.KerasCase("lstm_sequences"), Path.Combine(cases, "broken", "lstm_sequences"));
        // (3, 8, 5) outputs: flat 57 is [1, 3, 2], timestep 3.
        CliTestFiles.SetFloat32(Path.Combine(broken, "run0_out0.npy"), [57], v => v + 0.5f);

        string results = Path.Combine(project, "results");
        var (exit, output) = DotnetRun.Run("dotnet", ["test", "-c", "Release", "--logger", "trx;LogFileName=r.trx", "--results-directory", results],
            project, feed.Environment, mustSucceed: false);
        Assert.That(exit, Is.EqualTo(1), $"dotnet test should fail for the broken case:\n{output}");
        string restored = Path.Combine(feed.Environment["NUGET_PACKAGES"]!, "rnnparity.nunit", feed.Version);
        Assert.That(Directory.Exists(restored), Is.True, $"RnnParity.NUnit {feed.Version} was not restored from the feed into {restored}");

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var trx = XDocument.Load(Path.Combine(results, "r.trx"));
        var counters = trx.Descendants(ns + "Counters").Single();
        Assert.That((int)counters.Attribute("total")!, Is.EqualTo(Cases.Length + 1), output);
        Assert.That((int)counters.Attribute("passed")!, Is.EqualTo(Cases.Length), output);
        Assert.That((int)counters.Attribute("failed")!, Is.EqualTo(1), output);
        var testResults = trx.Descendants(ns + "UnitTestResult").ToList();
        Assert.That(testResults.Select(r => (string)r.Attribute("testName")!),
            Is.EquivalentTo(Cases.Select(c => $"Matches_keras(keras/{c})").Append("Matches_keras(broken/lstm_sequences)")));
        var failed = testResults.Single(r => (string)r.Attribute("outcome")! == "Failed");
        Assert.That((string)failed.Attribute("testName")!, Is.EqualTo("Matches_keras(broken/lstm_sequences)"));
        string message = failed.Descendants(ns + "Message").Single().Value;
        Assert.That(message, Does.Contain("FAIL  lstm_sequences  max_abs_error=5e-01")
            .And.Contain("first: [1, 3, 2]").And.Contain("t3 5e-01 ← first beyond tolerance").And.Contain("rnnparity diff"));
    }
}
