using RnnParity.Tests.Packaging;

namespace RnnParity.Tests.NUnitIntegration;

/// <summary>
/// The package <c>RnnParity.NUnit</c> in a user's test project: a fresh NUnit project referencing it from
/// the locally packed feed alone, with README's one <c>[TestCaseSource]</c> line over a copy of three
/// fixture cases and a deliberately broken fourth; <c>dotnet test</c> must report 3 passed and 1 failed,
/// the failure carrying verify's diagnosis (<see cref="AdapterPackageRun"/>).
/// </summary>
[TestFixture]
public sealed class NUnitPackageTests
{
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
        var (results, output) = AdapterPackageRun.Run("RnnParity.NUnit", TestClass, ["Microsoft.NET.Test.Sdk", "NUnit", "NUnit3TestAdapter"],
            ("IsTestProject", "true"));
        Assert.That(results.Select(AdapterPackageRun.TestName),
            Is.EquivalentTo(AdapterPackageRun.Cases.Select(c => $"Matches_keras(keras/{c})").Append("Matches_keras(broken/lstm_sequences)")), output);
        Assert.That(AdapterPackageRun.TestName(results.Single(r => AdapterPackageRun.Outcome(r) == "Failed")), Is.EqualTo("Matches_keras(broken/lstm_sequences)"));
    }
}
