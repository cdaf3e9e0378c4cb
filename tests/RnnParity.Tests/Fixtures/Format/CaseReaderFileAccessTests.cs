using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>LoadArray / LoadModelJson / LoadSummary after Load: errors carry case, file, field and the JSON field that named the file.</summary>
public class CaseReaderFileAccessTests
{
    [Test]
    public void LoadArray_wraps_npy_errors_with_case_file_header_field_and_json_field()
    {
        using var tmp = new TempDir();
        string dir = FixtureTestFiles.CopyCase(tmp.Path);
        FixtureCase c = CaseReader.Load(dir);
        File.WriteAllBytes(Path.Combine(dir, "run0_in0.npy"), File.ReadAllBytes(Path.Combine(dir, "run0_in0.npy"))[..^4]);

        var ex = Assert.Throws<FixtureException>(() => CaseReader.LoadArray(c, "run0_in0.npy", "runs[0].inputs[0].file"));
        Assert.That(ex!.CaseName, Is.EqualTo(FixtureTestFiles.TemplateCase));
        Assert.That(ex.File, Is.EqualTo("run0_in0.npy"));
        Assert.That(ex.Field, Is.EqualTo("data"));
        Assert.That(ex.ReferencedBy, Is.EqualTo("runs[0].inputs[0].file"));
        Assert.That(ex.InnerException, Is.TypeOf<NpyFormatException>());
        Assert.That(ex.Message, Does.StartWith($"case '{FixtureTestFiles.TemplateCase}': run0_in0.npy: field 'data': ")
            .And.EndWith("(file named by case.json field 'runs[0].inputs[0].file')"));
    }

    [Test]
    public void LoadArray_refuses_a_name_that_is_not_plain()
    {
        FixtureCase c = CaseReader.Load(Path.Combine(FixtureTestFiles.KerasFixtures, FixtureTestFiles.TemplateCase));
        var ex = Assert.Throws<FixtureException>(() => CaseReader.LoadArray(c, "../seed_numpy_example/w00.npy", "weights[0].file"));
        Assert.That(ex!.File, Is.EqualTo("case.json"));
        Assert.That(ex.Field, Is.EqualTo("weights[0].file"));
        Assert.That(ex.Detail, Does.Contain("plain file name"));
    }

    [Test]
    public void LoadModelJson_names_model_json_when_it_breaks_after_load()
    {
        using var tmp = new TempDir();
        string dir = FixtureTestFiles.CopyCase(tmp.Path);
        FixtureCase c = CaseReader.Load(dir);
        File.WriteAllText(Path.Combine(dir, "model.json"), "{\"class_name\": ");
        var ex = Assert.Throws<FixtureException>(() => CaseReader.LoadModelJson(c));
        Assert.That(ex!.File, Is.EqualTo("model.json"));
        Assert.That(ex.ReferencedBy, Is.EqualTo("model"));
        Assert.That(ex.Detail, Does.Contain("line 1"));
    }

    [Test]
    public void A_symbolic_link_to_a_file_inside_the_case_is_accepted()
    {
        using var tmp = new TempDir();
        string dir = FixtureTestFiles.CopyCase(tmp.Path);
        File.Move(Path.Combine(dir, "summary.txt"), Path.Combine(dir, "summary_real.txt"));
        File.CreateSymbolicLink(Path.Combine(dir, "summary.txt"), "summary_real.txt");
        FixtureCase c = CaseReader.Load(dir);
        Assert.That(CaseReader.LoadSummary(c), Does.StartWith("Model: \"sequential\""));
    }

    [Test]
    public void A_missing_case_directory_is_a_fixture_error_naming_it()
    {
        using var tmp = new TempDir();
        var ex = Assert.Throws<FixtureException>(() => CaseReader.Load(Path.Combine(tmp.Path, "gone_case")));
        Assert.That(ex!.CaseName, Is.EqualTo("gone_case"));
        Assert.That(ex.File, Is.Null);
        Assert.That(ex.Message, Does.StartWith("case 'gone_case': ").And.Contain("does not exist"));
    }

    [Test]
    public void Loaded_case_carries_every_field()
    {
        FixtureCase c = CaseReader.Load(Path.Combine(FixtureTestFiles.KerasFixtures, FixtureTestFiles.TemplateCase));
        Assert.That(c.Seed, Is.EqualTo(101));
        Assert.That(c.DType, Is.EqualTo("float32"));
        Assert.That(c.ModelFile, Is.EqualTo("model.json"));
        Assert.That(c.Provenance.GetProperty("keras").GetString(), Is.EqualTo("3.15.1"));
        Assert.That(c.Weights.Select(w => w.Name), Is.EqualTo(new[] { "kernel", "recurrent_kernel", "bias" }));
        Assert.That(c.Weights[1].Path, Is.EqualTo("sequential/simple_rnn/simple_rnn_cell/recurrent_kernel"));
        Assert.That(c.Weights[2].JsonPath, Is.EqualTo("weights[2].file"));
        Assert.That(c.Runs[0].ResetStates, Is.False);
        Assert.That(c.Runs[0].Inputs[0], Is.EqualTo(new FixtureTensorRef("input_0", "run0_in0.npy") { JsonPath = "runs[0].inputs[0].file" }));
        Assert.That(c.Expected.OutputShapes.Single(), Is.EqualTo(new int?[] { null, 3 }));
        Assert.That(c.Expected.Layers.Single().ClassName, Is.EqualTo("SimpleRNN"));
        Assert.That((c.Expected.TotalParams, c.Expected.TrainableParams, c.Expected.NonTrainableParams), Is.EqualTo((42L, 42L, 0L)));
        Assert.That((c.Expected.Summary, c.Expected.SummaryLineLength), Is.EqualTo(("summary.txt", (int?)88)));
        Assert.That(c.Tolerance, Is.EqualTo(new FixtureTolerance(1e-6, 1e-6)));
    }
}
