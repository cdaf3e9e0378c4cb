using RnnParity.Tests.Fixtures.Verification;
using RnnParity.Fixtures.Verification;
using RnnParity.Xunit;
using Xunit.Sdk;
using XunitData = Xunit.ITheoryDataRow;

namespace RnnParity.Tests.XunitIntegration;

/// <summary>
/// <see cref="FixtureCases"/> (RnnParity.Xunit) in process: the rows a folder yields, that each row's
/// argument survives xUnit's discovery serialization (else the theory collapses into one test), and the
/// failure a broken case or an empty folder raises. The run inside a user's xUnit project:
/// <see cref="XunitPackageTests"/>.
/// </summary>
[TestFixture]
public sealed class XunitFixtureCasesTests
{
    static List<FixtureCaseRef> Rows(string folder) =>
        FixtureCases.In(folder).Select(r => (FixtureCaseRef)((XunitData)r).GetData().Single()!).ToList();

    [Test]
    public void The_repository_fixtures_folder_yields_one_row_per_case_named_by_its_relative_path()
    {
        var rows = Rows("fixtures");
        int cases = Directory.GetFiles(RepoPaths.Fixtures, "case.json", SearchOption.AllDirectories).Length;
        Assert.That(rows, Has.Count.EqualTo(cases));
        Assert.That(rows.Select(r => r.Problem), Is.All.Null);
        Assert.That(rows.Select(r => r.Name), Does.Contain("keras/lstm_sequences").And.Contain("numpy/numpy_lstm_last"));
        Assert.That(rows.Single(r => r.Name == "keras/lstm_sequences").Directory, Is.EqualTo(RepoPaths.KerasCase("lstm_sequences")));
        Assert.That(rows.Select(r => r.ToString()), Is.EqualTo(rows.Select(r => r.Name)), "xUnit shows the argument's ToString");
    }

    [Test]
    public void A_row_survives_xunits_discovery_serialization()
    {
        var original = Rows(RepoPaths.KerasFixtures).First();
        var problem = Rows("no-such-fixtures-folder").Single();
        foreach (var c in new[] { original, problem })
        {
            Assert.That(SerializationHelper.Instance.IsSerializable(c), Is.True);
            string text = SerializationHelper.Instance.Serialize(c);
            var back = SerializationHelper.Instance.Deserialize<FixtureCaseRef>(text)!;
            Assert.That((back.Name, back.Directory, back.Problem), Is.EqualTo((c.Name, c.Directory, c.Problem)));
        }
    }

    [Test]
    public void A_missing_folder_yields_one_row_that_fails_saying_so()
    {
        var only = Rows("no-such-fixtures-folder").Single();
        Assert.That(only.Problem, Does.Contain("no folder 'no-such-fixtures-folder'"));
        var e = Assert.Throws<FailException>(only.Verify)!;
        Assert.That(e.Message, Is.EqualTo(only.Problem));
    }

    [Test]
    public void A_folder_without_cases_yields_one_row_that_fails_saying_so()
    {
        string empty = TestFiles.NewTempFolder("xunit-empty");
        try
        {
            var only = Rows(empty).Single();
            Assert.That(only.Problem, Does.Contain("holds no case"));
            Assert.Throws<FailException>(only.Verify);
        }
        finally { Directory.Delete(empty, recursive: true); }
    }

    [Test]
    public void A_passing_case_verifies_outside_a_running_xunit_test_too()
    {
        var c = Rows(RepoPaths.KerasCase("lstm_sequences")).Single();
        Assert.That(c.Name, Is.EqualTo("lstm_sequences"));
        Assert.DoesNotThrow(c.Verify);
    }

    [Test]
    public void A_broken_case_fails_with_verifys_lines_and_the_diff_command()
    {
        string root = TestFiles.NewTempFolder("xunit-broken");
        try
        {
            string dir = BrokenCase.CopyTo(Path.Combine(root, "lstm_sequences"));
            var e = Assert.Throws<FailException>(Rows(root).Single().Verify)!;
            Assert.That(e.Message, Is.EqualTo(FixtureCaseList.FailureText(CaseVerifier.Verify(dir))));
            Assert.That(e.Message, Does.StartWith("FAIL  lstm_sequences  max_abs_error=5e-01")
                .And.Contain("first: [1, 3, 2]").And.Contain("t3 5e-01 ← first beyond tolerance").And.Contain($"rnnparity diff \"{dir}\""));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
