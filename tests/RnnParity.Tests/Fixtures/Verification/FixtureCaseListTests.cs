using RnnParity.Fixtures.Verification;

namespace RnnParity.Tests.Fixtures.Verification;

/// <summary>
/// <see cref="FixtureCaseList"/>, what both test adapters report: the entries of a folder, and the verdict
/// on one with what it writes to the test's output.
/// </summary>
[TestFixture]
public sealed class FixtureCaseListTests
{
    [Test]
    public void Entries_come_in_ordinal_order_of_their_relative_paths()
    {
        var names = FixtureCaseList.In(RepoPaths.Fixtures).Select(e => e.Name).ToList();
        Assert.That(names, Is.Not.Empty);
        Assert.That(names, Is.EqualTo(names.Order(StringComparer.Ordinal)));
        Assert.That(names, Does.Contain("keras/lstm_sequences"));
    }

    [Test]
    public void An_empty_folder_name_is_refused_at_the_call()
    {
        Assert.Throws<ArgumentException>(() => FixtureCaseList.In(""));
    }

    [Test]
    public void A_passing_case_writes_its_PASS_line_and_returns_no_failure()
    {
        var lines = new List<string>();
        string? failure = FixtureCaseList.Verify(new FixtureCaseEntry("lstm_sequences", RepoPaths.KerasCase("lstm_sequences")), lines.Add);
        Assert.That(failure, Is.Null);
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines[^1], Does.StartWith("PASS  lstm_sequences  max_abs_error="));
    }

    [Test]
    public void An_entry_with_a_problem_fails_with_it_and_verifies_nothing()
    {
        var lines = new List<string>();
        string? failure = FixtureCaseList.Verify(new FixtureCaseEntry("x", "/no/such/case", "no folder 'x'"), lines.Add);
        Assert.That(failure, Is.EqualTo("no folder 'x'"));
        Assert.That(lines, Is.Empty);
    }

    [Test]
    public void A_broken_case_returns_its_failure_text_and_writes_no_PASS_line()
    {
        string root = TestFiles.NewTempFolder("caselist-broken");
        try
        {
            string dir = BrokenCase.CopyTo(Path.Combine(root, "lstm_sequences"));
            var lines = new List<string>();
            string? failure = FixtureCaseList.Verify(FixtureCaseList.In(root).Single(), lines.Add);
            Assert.That(failure, Is.EqualTo(FixtureCaseList.FailureText(CaseVerifier.Verify(dir))));
            Assert.That(failure, Does.StartWith("FAIL  lstm_sequences"));
            Assert.That(lines, Has.None.StartWith("PASS"));
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
