using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>Which directories `verify PATH...` treats as cases.</summary>
public class CaseDiscoveryTests
{
    static string MakeCase(string parent, params string[] parts)
    {
        string dir = Path.Combine([parent, .. parts]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "case.json"), "{}");
        return dir;
    }

    [Test]
    public void Finds_cases_recursively_sorted_without_descending_into_cases_or_links()
    {
        using var tmp = new TempDir();
        string root = Path.Combine(tmp.Path, "root");
        string b = MakeCase(root, "b");
        string a = MakeCase(root, "x", "a");
        MakeCase(root, "b", "inner");              // inside a case: not a case of its own
        MakeCase(root, ".hidden", "h");             // hidden folder: skipped
        string outside = MakeCase(tmp.Path, "outside");
        Directory.CreateSymbolicLink(Path.Combine(root, "link"), outside);

        IReadOnlyList<string> found = CaseDiscovery.Find([root]);
        Assert.That(found, Is.EqualTo(new[] { b, a }.Order(StringComparer.Ordinal)));
    }

    [Test]
    public void A_case_directory_or_its_case_json_is_that_case_and_duplicates_collapse()
    {
        using var tmp = new TempDir();
        string c = MakeCase(tmp.Path, "c");
        Assert.That(CaseDiscovery.Find([c, Path.Combine(c, "case.json"), c + Path.DirectorySeparatorChar]), Is.EqualTo(new[] { c }));
    }

    [Test]
    public void Committed_fixtures_are_all_found()
    {
        IReadOnlyList<string> found = CaseDiscovery.Find([FixtureTestFiles.KerasFixtures]);
        Assert.That(found.Select(Path.GetFileName), Is.EqualTo(FixtureTestFiles.CommittedCaseNames()));
    }

    [Test]
    public void Nonexistent_empty_and_plain_file_paths_are_all_reported_at_once()
    {
        using var tmp = new TempDir();
        string missing = Path.Combine(tmp.Path, "nope");
        string empty = Path.Combine(tmp.Path, "empty");
        Directory.CreateDirectory(empty);
        string file = Path.Combine(tmp.Path, "notes.txt");
        File.WriteAllText(file, "x");
        string good = MakeCase(tmp.Path, "good");

        var ex = Assert.Throws<CasePathException>(() => CaseDiscovery.Find([good, missing, empty, file]));
        Assert.That(ex!.Paths, Is.EqualTo(new[] { missing, empty, file }));
        Assert.That(ex.Message, Does.Contain("no such file or directory").And.Contain("holds no case").And.Contain("is a file"));
    }
}
