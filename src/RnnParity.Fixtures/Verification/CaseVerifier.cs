using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.Layers;
using RnnParity.Layers.Models;

namespace RnnParity.Fixtures.Verification;

/// <summary>
/// Checks the C# implementation against one fixture case, in the order FIXTURES.md gives: build
/// from model.json, load the weights, compare shapes, parameter counts, every run's outputs and
/// the summary text. Never throws for a bad case: every problem becomes a failure that names the
/// case, the file and the field.
/// </summary>
public static class CaseVerifier
{
    public static CaseResult Verify(string caseDirectory)
    {
        string name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(caseDirectory));
        var failures = new List<string>();
        var outputs = new List<OutputCheck>();
        var notes = new List<string>();
        bool read = false;
        try
        {
            FixtureCase fixture = CaseReader.Load(caseDirectory);
            read = true;
            name = fixture.Name;
            Model model = Build(fixture);
            LoadWeights(fixture, model);
            CheckStructure(fixture, model, failures);
            RunAll(fixture, model, failures, outputs, notes);
            CheckSummary(fixture, model, failures);
        }
        catch (FixtureException e) { failures.Add(e.Message); }
        catch (Exception e)
        {
            // A crash inside the implementation is a failed case, not a failed run of verify.
            failures.Add($"case '{name}': unexpected {e.GetType().Name}: {e.Message}");
        }
        double maxAbs = outputs.Count == 0 ? double.NaN : outputs.Max(o => o.Comparison.MaxAbsError);
        return new CaseResult(name, caseDirectory, failures.Count == 0, maxAbs, failures, outputs) { Notes = notes.Distinct().ToList(), Unreadable = !read };
    }

    static Model Build(FixtureCase fixture)
    {
        string json;
        try { json = File.ReadAllText(fixture.PathOf(fixture.ModelFile)); }
        catch (IOException e) { throw new FixtureException(fixture.Name, fixture.ModelFile, null, $"cannot read: {e.Message}"); }
        try
        {
            // Each case numbers its layers afresh, as the references did with clear_session().
            Layers.Models.Keras.ClearSession();
            return ModelLoader.FromJson(json);
        }
        catch (KerasConfigException e)
        {
            throw new FixtureException(fixture.Name, fixture.ModelFile, e.Field, e.InnerException?.Message ?? e.Message.Replace($"field '{e.Field}': ", ""));
        }
    }

    static void LoadWeights(FixtureCase fixture, Model model)
    {
        var slots = model.WeightPaths().ToList();
        if (slots.Count != fixture.Weights.Count)
            throw new FixtureException(fixture.Name, CaseReader.CaseFileName, "weights",
                $"the model built from {fixture.ModelFile} has {slots.Count} weights ({string.Join(", ", slots.Select(s => s.Path))}), the case lists {fixture.Weights.Count}");
        var values = new List<Tensor>();
        for (int i = 0; i < slots.Count; i++)
        {
            var (path, variable) = slots[i];
            FixtureWeight w = fixture.Weights[i];
            string field = $"weights[{i}]";
            if (!WeightNaming.SamePath(path, w.Path))
                throw new FixtureException(fixture.Name, CaseReader.CaseFileName, $"{field}.path",
                    $"expected the model's weight {i} '{path}' (or the same path without its outer model and wrapper names, as Keras gives a loaded model), got '{w.Path}'");
            string layer = TopLevelLayer(model, i);
            if (!WeightNaming.SameOwner(path, layer, w.Layer))
                throw new FixtureException(fixture.Name, CaseReader.CaseFileName, $"{field}.layer",
                    $"weight '{path}' belongs to layer '{layer}', got '{w.Layer}'");
            if (w.Name != variable.Name)
                throw new FixtureException(fixture.Name, CaseReader.CaseFileName, $"{field}.name",
                    $"weight '{path}' is named '{variable.Name}', got '{w.Name}'");
            NpyArray array = CaseReader.LoadArray(fixture, w.File, $"{field}.file");
            if (!array.Shape.AsSpan().SequenceEqual(variable.Shape))
                throw new FixtureException(fixture.Name, w.File, "shape",
                    $"weight '{path}' needs shape {ShapeUtil.Format(variable.Shape)}, the file has {ShapeUtil.Format(array.Shape)}");
            values.Add(array.ToTensor());
        }
        model.SetWeights(values);
    }

    /// <summary>The name of the model layer that owns weight <paramref name="index"/> (get_weights order).</summary>
    static string TopLevelLayer(Model model, int index)
    {
        foreach (var l in model.Layers)
        {
            if (index < l.Weights.Count) return l.Name;
            index -= l.Weights.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    static void CheckStructure(FixtureCase fixture, Model model, List<string> failures)
    {
        void Fail(string field, string detail) => failures.Add(FixtureException.Compose(fixture.Name, CaseReader.CaseFileName, field, detail));
        FixtureExpected e = fixture.Expected;
        if (!SameShapes(e.OutputShapes, model.OutputShapes))
            Fail("expected.output_shapes", $"Keras: {Shapes(e.OutputShapes)}, C#: {Shapes(model.OutputShapes)}");
        if (e.Layers.Count != model.Layers.Count)
            Fail("expected.layers", $"Keras has {e.Layers.Count} layers ({string.Join(", ", e.Layers.Select(l => l.Name))}), C# has {model.Layers.Count} ({string.Join(", ", model.Layers.Select(l => l.Name))})");
        for (int i = 0; i < Math.Min(e.Layers.Count, model.Layers.Count); i++)
        {
            FixtureLayer k = e.Layers[i];
            Layer c = model.Layers[i];
            if (k.Name != c.Name || k.ClassName != c.ClassName)
                Fail($"expected.layers[{i}]", $"Keras: {k.Name} ({k.ClassName}), C#: {c.Name} ({c.ClassName})");
            if (!SameShapes(k.OutputShapes, c.OutputShapes))
                Fail($"expected.layers[{i}].output_shapes", $"layer '{k.Name}': Keras {Shapes(k.OutputShapes)}, C# {Shapes(c.OutputShapes)}");
            if (k.Params != c.CountParams())
                Fail($"expected.layers[{i}].params", $"layer '{k.Name}': Keras {k.Params}, C# {c.CountParams()}");
        }
        if (e.TotalParams != model.CountParams()) Fail("expected.total_params", $"Keras {e.TotalParams}, C# {model.CountParams()}");
        if (e.TrainableParams != model.TrainableParams) Fail("expected.trainable_params", $"Keras {e.TrainableParams}, C# {model.TrainableParams}");
        if (e.NonTrainableParams != model.NonTrainableParams) Fail("expected.non_trainable_params", $"Keras {e.NonTrainableParams}, C# {model.NonTrainableParams}");
    }

    static void RunAll(FixtureCase fixture, Model model, List<string> failures, List<OutputCheck> outputs, List<string> notes)
    {
        for (int r = 0; r < fixture.Runs.Count; r++)
        {
            FixtureRun run = fixture.Runs[r];
            string field = $"runs[{r}]";
            if (run.Inputs.Count != model.InputShapes.Count)
                throw new FixtureException(fixture.Name, CaseReader.CaseFileName, $"{field}.inputs", $"the model takes {model.InputShapes.Count} input(s), the run gives {run.Inputs.Count}");
            if (run.Outputs.Count != model.OutputShapes.Count)
                throw new FixtureException(fixture.Name, CaseReader.CaseFileName, $"{field}.outputs", $"the model has {model.OutputShapes.Count} output(s), the run lists {run.Outputs.Count}");
            var inputs = new List<Tensor>();
            for (int i = 0; i < run.Inputs.Count; i++)
            {
                NpyArray a = CaseReader.LoadArray(fixture, run.Inputs[i].File, $"{field}.inputs[{i}].file");
                if (!ShapeUtil.Matches(model.InputShapes[i], a.Shape))
                    throw new FixtureException(fixture.Name, run.Inputs[i].File, "shape", $"model input {i} needs shape {ShapeUtil.Format(model.InputShapes[i])}, the file has {ShapeUtil.Format(a.Shape)}");
                string wanted = model.InputDTypes[i];
                bool integerInput = wanted.StartsWith("int", StringComparison.Ordinal) || wanted.StartsWith("uint", StringComparison.Ordinal);
                bool integerFile = a.DType is NpyDType.Int32 or NpyDType.Int64;
                // Keras 2 gave every input float32, so a saved text model feeds its ids to the Embedding
                // through a float32 input and Keras casts them; ids below 2^24 survive that exactly.
                bool idsThroughFloat = !integerInput && integerFile && model.ConsumersOf(i) is { Count: > 0 } consumers && consumers.All(c => c is Layers.Basic.Embedding);
                if (idsThroughFloat)
                    notes.Add($"{run.Inputs[i].File}: {a.DType.NumpyName()} ids cast to the model's float32 input {i}, as Keras casts them for the Embedding behind it");
                else if (integerInput != integerFile)
                    throw new FixtureException(fixture.Name, run.Inputs[i].File, "descr",
                        $"model input {i} has dtype {wanted}, the file holds {a.DType.NumpyName()}; Keras would cast it, a fixture must not rely on that");
                inputs.Add(a.ToTensor());
            }
            if (run.ResetStates) model.ResetStates();
            IReadOnlyList<Tensor> actual;
            try { actual = model.Call(inputs); }
            catch (Exception e) when (e is LayerConfigurationException or ArgumentException)
            {
                // The model built and its weights fit, so what the layers refused is the run's data.
                string files = string.Join(", ", run.Inputs.Select(x => x.File));
                failures.Add(FixtureException.Compose(fixture.Name, files, $"{field}.inputs", $"run {r} failed on its inputs: {e.Message}"));
                return;
            }
            for (int o = 0; o < run.Outputs.Count; o++)
            {
                NpyArray expected = CaseReader.LoadArray(fixture, run.Outputs[o].File, $"{field}.outputs[{o}].file");
                var cmp = ArrayComparison.Compare(expected, actual[o], fixture.Tolerance);
                outputs.Add(new OutputCheck(r, o, run.Outputs[o].Name, cmp));
                if (!cmp.Passed)
                {
                    string where = ErrorProfile.Of(expected, actual[o], fixture.Tolerance) is { } profile ? $"; {profile.Describe()}" : "";
                    failures.Add(FixtureException.Compose(fixture.Name, run.Outputs[o].File, null, $"run {r} output {o} ({run.Outputs[o].Name}): {cmp.Describe()}{where}"));
                }
            }
        }
    }

    static void CheckSummary(FixtureCase fixture, Model model, List<string> failures)
    {
        string? expected = CaseReader.LoadSummary(fixture);
        if (expected is null) return;
        string actual = ModelSummary.Text(model, fixture.Expected.SummaryLineLength);
        string Normalise(string s) => s.Replace("\r\n", "\n").TrimEnd('\n');
        if (Normalise(expected) == Normalise(actual)) return;
        var e = Normalise(expected).Split('\n');
        var a = Normalise(actual).Split('\n');
        int line = 0;
        while (line < Math.Min(e.Length, a.Length) && e[line] == a[line]) line++;
        string Show(string[] lines) => line < lines.Length ? $"'{lines[line]}'" : "(end of text)";
        failures.Add(FixtureException.Compose(fixture.Name, fixture.Expected.Summary, $"line {line + 1}", $"summary text differs: Keras {Show(e)}, C# {Show(a)}"));
    }

    static bool SameShapes(IReadOnlyList<int?[]> a, IReadOnlyList<int?[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => ShapeUtil.SameSymbolic(p.First, p.Second));

    static string Shapes(IReadOnlyList<int?[]> shapes) => string.Join(", ", shapes.Select(s => ShapeUtil.Format(s)));
}
