using System.Xml.Linq;
using RnnParity.Tests.Cli;
using RnnParity.Tests.Packaging;

namespace RnnParity.Tests.XunitIntegration;

/// <summary>
/// The package <c>RnnParity.Xunit</c> in a user's test project: a fresh xUnit v3 project referencing it from
/// the locally packed feed alone, with README's two lines over a copy of three fixture cases and a
/// deliberately broken fourth; <c>dotnet test</c> must report each case as a test of its own, 3 passed and
/// 1 failed, the failure carrying verify's diagnosis and a passing case's output its PASS line.
/// </summary>
[TestFixture]
public sealed class XunitPackageTests
{
    static readonly string[] Cases = ["lstm_sequences", "gru_reset_after", "simple_rnn_relu_nobias"];

    // xunit.v3 4.x is a Microsoft.Testing.Platform v2 application, which refuses the VSTest target
    // `dotnet test` runs on the .NET 10 SDK unless the project opts out (or global.json opts in to MTP's dotnet test).
    const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <OutputType>Exe</OutputType>
            <IsPackable>false</IsPackable>
            <IsTestingPlatformApplication>false</IsTestingPlatformApplication>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="RnnParity.Xunit" Version="VERSION" />
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="TESTSDK" />
            <PackageReference Include="xunit.v3" Version="XUNITV3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="RUNNER" />
          </ItemGroup>
        </Project>
        """;

    const string TestClass = """
        using RnnParity.Xunit;
        using Xunit;

        namespace UserTests;

        public class ParityTests
        {
            public static TheoryData<FixtureCaseRef> Cases => FixtureCases.In("cases");

            [Theory, MemberData(nameof(Cases))] public void Matches_keras(FixtureCaseRef fixtureCase) => fixtureCase.Verify();
        }
        """;

    [Test]
    public void A_user_project_gets_one_test_per_case_and_the_broken_one_fails_with_the_diagnosis()
    {
        var feed = LocalFeed.Shared;
        string project = feed.NewProject("UserTests", TestProject
            .Replace("TESTSDK", LocalFeed.CentralVersion("Microsoft.NET.Test.Sdk"), StringComparison.Ordinal)
            .Replace("XUNITV3", LocalFeed.CentralVersion("xunit.v3"), StringComparison.Ordinal)
            .Replace("RUNNER", LocalFeed.CentralVersion("xunit.runner.visualstudio"), StringComparison.Ordinal));
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
        string restored = Path.Combine(feed.Environment["NUGET_PACKAGES"]!, "rnnparity.xunit", feed.Version);
        Assert.That(Directory.Exists(restored), Is.True, $"RnnParity.Xunit {feed.Version} was not restored from the feed into {restored}");

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var trx = XDocument.Load(Path.Combine(results, "r.trx"));
        var counters = trx.Descendants(ns + "Counters").Single();
        Assert.That((int)counters.Attribute("total")!, Is.EqualTo(Cases.Length + 1), output);
        Assert.That((int)counters.Attribute("passed")!, Is.EqualTo(Cases.Length), output);
        Assert.That((int)counters.Attribute("failed")!, Is.EqualTo(1), output);
        var testResults = trx.Descendants(ns + "UnitTestResult").ToList();
        Assert.That(testResults.Select(r => (string)r.Attribute("testName")!),
            Is.EquivalentTo(Cases.Select(c => $"UserTests.ParityTests.Matches_keras(fixtureCase: keras/{c})")
                .Append("UserTests.ParityTests.Matches_keras(fixtureCase: broken/lstm_sequences)")), output);
        var failed = testResults.Single(r => (string)r.Attribute("outcome")! == "Failed");
        Assert.That((string)failed.Attribute("testName")!, Does.EndWith("(fixtureCase: broken/lstm_sequences)"));
        string message = failed.Descendants(ns + "Message").Single().Value;
        Assert.That(message, Does.Contain("FAIL  lstm_sequences  max_abs_error=5e-01")
            .And.Contain("first: [1, 3, 2]").And.Contain("t3 5e-01 ← first beyond tolerance").And.Contain("rnnparity diff"));
        var passed = testResults.First(r => (string)r.Attribute("testName")! == "UserTests.ParityTests.Matches_keras(fixtureCase: keras/lstm_sequences)");
        Assert.That(passed.Descendants(ns + "StdOut").Single().Value, Does.StartWith("PASS  lstm_sequences  max_abs_error="),
            "the PASS line goes to TestContext.Current.TestOutputHelper");
    }
}
