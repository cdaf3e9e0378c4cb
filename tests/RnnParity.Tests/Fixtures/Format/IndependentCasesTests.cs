using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>A broken case beside good ones: discovery still lists all, and each loads or fails on its own.</summary>
public class IndependentCasesTests
{
    [Test]
    public void A_broken_case_does_not_hide_the_others()
    {
        using var tmp = new TempDir();
        FixtureTestFiles.CopyCase(tmp.Path, "seed_numpy_example");
        string bad = FixtureTestFiles.CopyCase(tmp.Path, "seed_simple_rnn_last");
        FixtureTestFiles.CopyCase(tmp.Path, "simple_rnn_relu_nobias");
        File.WriteAllText(Path.Combine(bad, "case.json"), "{ broken");

        var outcomes = CaseDiscovery.Find([tmp.Path]).Select(dir =>
        {
            try { return CaseReader.Load(dir).Name + ": ok"; }
            catch (FixtureException e) { return e.CaseName + ": " + e.File; }
        }).ToList();

        Assert.That(outcomes, Is.EqualTo(new[] { "seed_numpy_example: ok", "seed_simple_rnn_last: case.json", "simple_rnn_relu_nobias: ok" }));
    }
}
