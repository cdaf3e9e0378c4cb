using RnnParity.Core.Tensors;
using RnnParity.Diagnosis.Gates;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Fixtures.Format;

namespace RnnParity.Diagnosis;

/// <summary>
/// <c>rnnparity diff</c> for one case: compares the outputs under test (RnnParity's own, or the
/// <c>.npy</c> files another implementation wrote) with the case's expected outputs, output by
/// output, and runs the differential diagnosis when they part.
/// </summary>
public static class CaseDiff
{
    /// <param name="actualDirectory">Where another implementation wrote its outputs, named as the case's
    /// output files (<c>run0_out0.npy</c>, ...) or, for a one-run case, as <c>predict</c> names them
    /// (<c>output_0.npy</c>, ...); null to diff RnnParity's own outputs.</param>
    /// <param name="layerReference">Recomputes the case layer by layer for <see cref="DiffResult.FirstBadLayer"/>
    /// (own outputs only); null leaves the check out and <see cref="DiffResult.LayerCheck"/> says so.</param>
    /// <param name="gateReference">Computes the gates of the recurrent layer that <see cref="DiffResult.GateTrace"/> looks
    /// inside (own outputs of a failing case only); null leaves the trace out.</param>
    /// <exception cref="FixtureException">the case, or a file under test, cannot be read.</exception>
    public static DiffResult Run(string caseDirectory, string? actualDirectory = null, ILayerReference? layerReference = null, IGateReference? gateReference = null)
    {
        FixtureCase fixture = CaseReader.Load(caseDirectory);
        var expected = new List<IReadOnlyList<NpyArray>>();
        for (int r = 0; r < fixture.Runs.Count; r++)
            expected.Add(fixture.Runs[r].Outputs.Select((o, i) => CaseReader.LoadArray(fixture, o.File, $"runs[{r}].outputs[{i}].file")).ToList());

        CaseModel? model = null;
        string? buildError = null;
        IReadOnlyList<IReadOnlyList<Tensor>>? own = null;
        try
        {
            model = CaseModel.Load(fixture);
            own = model.Run();
        }
        catch (Exception e) when (e is FixtureException or ArgumentException or InvalidOperationException or Layers.LayerConfigurationException)
        {
            if (actualDirectory is null) throw e as FixtureException ?? new FixtureException(fixture.Name, fixture.ModelFile, null, $"RnnParity cannot run the case: {e.Message}");
            buildError = e.Message;
        }

        var actual = actualDirectory is null
            ? own!.Select(r => (IReadOnlyList<NpyArray>)r.Select(NpyArray.FromTensor).ToList()).ToList()
            : ReadActual(fixture, actualDirectory);

        var outputs = new List<OutputDiff>();
        for (int r = 0; r < fixture.Runs.Count; r++)
            for (int o = 0; o < fixture.Runs[r].Outputs.Count; o++)
            {
                NpyArray a = actual[r][o];
                outputs.Add(OutputDiff.Of(r, o, fixture.Runs[r].Outputs[o].Name, expected[r][o], a.Data, a.Shape, fixture.Tolerance));
            }
        bool passed = outputs.All(d => d.Passed);
        LikelyCause cause = passed ? LikelyCause.None
            : model is null || own is null ? LikelyCause.Unexplained($"no replay possible: RnnParity cannot run this case ({buildError})")
            : CauseFinder.Find(model, own, expected, actual);
        LayerCheckResult layers = actualDirectory is not null
            ? new(null, "not applicable: the outputs under test come from another implementation")
            : LayerByLayer.Check(model!, caseDirectory, layerReference);
        GateTraceResult gates = actualDirectory is not null
            ? new GateTraceResult(null, [], "not applicable: the outputs under test come from another implementation")
            : Trace(model!, passed, layers.FirstBadLayer, gateReference);
        return new DiffResult(fixture.Name, caseDirectory, passed, actualDirectory is null ? "rnnparity" : actualDirectory, outputs,
            layers.FirstBadLayer, layers.Description, cause, gates);
    }

    /// <summary>The gate trace of the first bad recurrent layer (see <see cref="GateTrace.ChooseLayer"/>), for a case that fails.</summary>
    static GateTraceResult Trace(CaseModel model, bool passed, string? firstBadLayer, IGateReference? reference)
    {
        if (passed && firstBadLayer is null) return GateTraceResult.NotRun("the case passes and every checked layer is within tolerance");
        if (reference is null) return GateTraceResult.NotRun("no gate reference was given");
        string? layer = GateTrace.ChooseLayer(model, firstBadLayer);
        return layer is null
            ? GateTraceResult.NotRun("the model has no SimpleRNN, LSTM or GRU layer, nor a Bidirectional of one")
            : GateTrace.Run(model, layer, reference);
    }

    static List<IReadOnlyList<NpyArray>> ReadActual(FixtureCase fixture, string directory)
    {
        if (!Directory.Exists(directory))
            throw new FixtureException(fixture.Name, directory, null, "the --actual directory does not exist");
        var runs = new List<IReadOnlyList<NpyArray>>();
        for (int r = 0; r < fixture.Runs.Count; r++)
        {
            var outputs = new List<NpyArray>();
            for (int o = 0; o < fixture.Runs[r].Outputs.Count; o++)
            {
                string caseName = fixture.Runs[r].Outputs[o].File;
                string predictName = $"output_{o}.npy";
                string path = Path.Combine(directory, caseName);
                if (!File.Exists(path) && fixture.Runs.Count == 1) path = Path.Combine(directory, predictName);
                if (!File.Exists(path))
                    throw new FixtureException(fixture.Name, Path.Combine(directory, caseName), null,
                        fixture.Runs.Count == 1 ? $"no output under test: expected {caseName} or {predictName} in {directory}" : $"no output under test: expected {caseName} in {directory}");
                try { outputs.Add(NpyReader.Read(path)); }
                catch (NpyFormatException e)
                {
                    throw new FixtureException(fixture.Name, path, null, $"cannot read the output under test: {e.Message}");
                }
            }
            runs.Add(outputs);
        }
        return runs;
    }
}
