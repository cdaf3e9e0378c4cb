using RnnParity.Tests.Packaging;

namespace RnnParity.Tests.XunitIntegration;

/// <summary>
/// The package <c>RnnParity.Xunit</c> in a user's test project: a fresh xUnit v3 project referencing it from
/// the locally packed feed alone, with README's two lines over a copy of three fixture cases and a
/// deliberately broken fourth; <c>dotnet test</c> must report each case as a test of its own, 3 passed and
/// 1 failed, the failure carrying verify's diagnosis (<see cref="AdapterPackageRun"/>) and a passing case's
/// output its PASS line.
/// </summary>
[TestFixture]
public sealed class XunitPackageTests
{
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

    const string Test = "UserTests.ParityTests.Matches_keras";

    [Test]
    public void A_user_project_gets_one_test_per_case_and_the_broken_one_fails_with_the_diagnosis()
    {
        // xunit.v3 4.x is a Microsoft.Testing.Platform v2 application, which refuses the VSTest target that
        // `dotnet test` runs on the .NET 10 SDK unless the project opts out (or global.json opts in to MTP's dotnet test).
        var (results, output) = AdapterPackageRun.Run("RnnParity.Xunit", TestClass, ["Microsoft.NET.Test.Sdk", "xunit.v3", "xunit.runner.visualstudio"],
            ("OutputType", "Exe"), ("IsTestingPlatformApplication", "false"));
        Assert.That(results.Select(AdapterPackageRun.TestName),
            Is.EquivalentTo(AdapterPackageRun.Cases.Select(c => $"{Test}(fixtureCase: keras/{c})").Append($"{Test}(fixtureCase: broken/lstm_sequences)")), output);
        Assert.That(AdapterPackageRun.TestName(results.Single(r => AdapterPackageRun.Outcome(r) == "Failed")), Is.EqualTo($"{Test}(fixtureCase: broken/lstm_sequences)"));
        var passed = results.Single(r => AdapterPackageRun.TestName(r) == $"{Test}(fixtureCase: keras/lstm_sequences)");
        Assert.That(passed.Descendants(AdapterPackageRun.Trx + "StdOut").Single().Value, Does.StartWith("PASS  lstm_sequences  max_abs_error="),
            "the PASS line goes to TestContext.Current.TestOutputHelper");
    }
}
