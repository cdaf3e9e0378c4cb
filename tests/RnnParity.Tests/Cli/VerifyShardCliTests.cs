using System.Xml.Linq;

namespace RnnParity.Tests.Cli;

/// <summary><c>rnnparity verify --shard K/N</c>: N jobs cover every case exactly once.</summary>
[TestFixture]
public sealed class VerifyShardCliTests
{
    [TestCase(1)]
    [TestCase(3)]
    public void N_shards_cover_every_case_exactly_once(int n)
    {
        using var tmp = new CliTempDir("shard");
        List<string> all = CaseNames(tmp.Sub("all.xml"), []);
        var shards = Enumerable.Range(1, n).Select(k => CaseNames(tmp.Sub($"s{k}.xml"), ["--shard", $"{k}/{n}"])).ToList();

        Assert.That(shards.SelectMany(s => s), Is.EquivalentTo(all), "every case once, none twice");
        if (n > 1) Assert.That(shards, Has.All.Count.LessThan(all.Count), "each job takes a share, not everything");
        Assert.That(CaseNames(tmp.Sub("again.xml"), ["--shard", $"1/{n}"]), Is.EqualTo(shards[0]), "the share is stable");
    }

    [Test]
    public void A_share_depends_on_the_case_name_only()
    {
        using var tmp = new CliTempDir("shard-names");
        List<string> alone = CaseNames(tmp.Sub("a.xml"), ["--shard", "2/3"], RepoPaths.Fixtures + "/keras");
        List<string> together = CaseNames(tmp.Sub("b.xml"), ["--shard", "2/3"]);
        Assert.That(together, Is.SupersetOf(alone), "adding the numpy cases moves no keras case to another job");
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("2")]
    [TestCase("a/b")]
    [TestCase("1/0")]
    [TestCase("-1/2")]
    public void A_bad_shard_is_exit_2_in_plain_words(string shard)
    {
        CliResult r = CliRunner.Run("verify", RepoPaths.Fixtures, "--shard", shard);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Transcript);
        Assert.That(r.Stderr, Does.Contain($"--shard '{shard}'").And.Contain("K/N"), r.Transcript);
        Assert.That(r.Stdout, Does.Not.Contain("PASS"), r.Transcript);
    }

    static List<string> CaseNames(string report, string[] extra, string? path = null)
    {
        CliResult r = CliRunner.Run(["verify", path ?? RepoPaths.Fixtures, "--junit", report, .. extra]);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Transcript);
        return XDocument.Load(report).Descendants("testcase").Select(c => (string)c.Attribute("name")!).ToList();
    }
}
