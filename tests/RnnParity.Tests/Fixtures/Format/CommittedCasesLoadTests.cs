using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>Every case committed under fixtures/keras (written by real numpy/Keras) loads, and its arrays read.</summary>
public class CommittedCasesLoadTests
{
    static IEnumerable<string> Cases() => FixtureTestFiles.CommittedCaseNames();

    [Test]
    public void There_are_committed_cases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(5));

    [TestCaseSource(nameof(Cases))]
    public void Case_loads_and_every_array_reads(string name)
    {
        FixtureCase c = CaseReader.Load(Path.Combine(FixtureTestFiles.KerasFixtures, name));
        Assert.That(c.Name, Is.EqualTo(name));
        Assert.That(c.Reference, Is.EqualTo("keras"));
        Assert.That(c.Runs, Is.Not.Empty);
        Assert.That(c.Tolerance.Atol, Is.GreaterThan(0));
        Assert.That(c.Expected.TotalParams, Is.EqualTo(c.Expected.Layers.Sum(l => l.Params)));

        foreach (FixtureWeight w in c.Weights)
        {
            NpyArray a = CaseReader.LoadArray(c, w.File, w.JsonPath!);
            Assert.That(a.DType, Is.EqualTo(NpyDType.Float32), w.File);
            Assert.That(a.Data.All(double.IsFinite), w.File);
        }
        for (int r = 0; r < c.Runs.Count; r++)
        {
            for (int j = 0; j < c.Runs[r].Outputs.Count; j++)
            {
                NpyArray o = CaseReader.LoadArray(c, c.Runs[r].Outputs[j].File, $"runs[{r}].outputs[{j}].file");
                Assert.That(RnnParity.Core.Tensors.ShapeUtil.Matches(c.Expected.OutputShapes[j], o.Shape), Is.True);
                Assert.That(o.ToTensor().Shape, Is.EqualTo(o.Shape));
            }
        }
        using var model = CaseReader.LoadModelJson(c);
        Assert.That(model.RootElement.GetProperty("class_name").GetString(), Is.Not.Empty);
        Assert.That(CaseReader.LoadSummary(c), Does.StartWith("Model: "));
    }

    [TestCaseSource(nameof(Cases))]
    public void Rewriting_every_array_reproduces_numpys_bytes(string name)
    {
        string dir = Path.Combine(FixtureTestFiles.KerasFixtures, name);
        foreach (string f in Directory.GetFiles(dir, "*.npy"))
        {
            byte[] original = File.ReadAllBytes(f);
            NpyArray a = NpyReader.Read(f);
            Assert.That(NpyWriter.ToBytes(a), Is.EqualTo(original), Path.GetFileName(f));
        }
    }
}
