using RnnParity.Tests.Fixtures.Verification;
using RnnParity.Fixtures.Verification;
using RnnParity.NUnit;

namespace RnnParity.Tests.NUnitIntegration;

/// <summary>
/// <see cref="FixtureCases"/> in process: which test cases a folder yields and the failure text a
/// broken case gets. (A failing <see cref="FixtureCases.Verify(FixtureCaseRef)"/> fails the test that
/// calls it, so the failing path runs in a user's project: <see cref="NUnitPackageTests"/>.)
/// </summary>
[TestFixture]
public sealed class FixtureCasesTests
{
    [Test]
    public void The_repository_fixtures_folder_yields_one_test_per_case_named_by_its_relative_path()
    {
        var data = FixtureCases.In("fixtures").ToList();
        int cases = Directory.GetFiles(RepoPaths.Fixtures, "case.json", SearchOption.AllDirectories).Length;
        Assert.That(data, Has.Count.EqualTo(cases));
        var refs = data.Select(d => (FixtureCaseRef)d.Arguments.Single()!).ToList();
        Assert.That(refs.Select(r => r.Problem), Is.All.Null);
        Assert.That(refs.Select(r => r.Name), Does.Contain("keras/lstm_sequences").And.Contain("numpy/numpy_lstm_last"));
        Assert.That(refs.Single(r => r.Name == "keras/lstm_sequences").Directory, Is.EqualTo(RepoPaths.KerasCase("lstm_sequences")));
        Assert.That(data.Select(d => d.ArgDisplayNames!.Single()), Is.EqualTo(refs.Select(r => r.Name)));
    }

    [Test]
    public void A_missing_folder_yields_one_failing_case_that_says_so()
    {
        var data = FixtureCases.In("no-such-fixtures-folder").ToList();
        var only = (FixtureCaseRef)data.Single().Arguments.Single()!;
        Assert.That(only.Problem, Does.Contain("no folder 'no-such-fixtures-folder'"));
    }

    [Test]
    public void A_folder_without_cases_yields_one_failing_case_that_says_so()
    {
        string empty = TestFiles.NewTempFolder("nunit-empty");
        try
        {
            var only = (FixtureCaseRef)FixtureCases.In(empty).Single().Arguments.Single()!;
            Assert.That(only.Problem, Does.Contain("holds no case"));
        }
        finally { Directory.Delete(empty, recursive: true); }
    }

    [Test]
    public void A_passing_case_verifies()
    {
        var c = (FixtureCaseRef)FixtureCases.In(RepoPaths.KerasCase("lstm_sequences")).Single().Arguments.Single()!;
        Assert.That(c.Name, Is.EqualTo("lstm_sequences"));
        c.Verify();
    }

    [Test]
    public void A_broken_case_fails_with_verifys_lines_and_the_diff_command()
    {
        string root = TestFiles.NewTempFolder("nunit-broken");
        try
        {
            string dir = BrokenCase.CopyTo(Path.Combine(root, "lstm_sequences"));
            CaseResult result = CaseVerifier.Verify(dir);
            string text = FixtureCases.FailureText(result);
            Assert.That(text, Does.StartWith("FAIL  lstm_sequences  max_abs_error=5e-01"));
            Assert.That(text, Does.Contain("1 of 120 elements out of tolerance").And.Contain("first: [1, 3, 2]").And.Contain("t3 5e-01 ← first beyond tolerance"));
            Assert.That(text, Does.Contain($"rnnparity diff \"{dir}\""));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
