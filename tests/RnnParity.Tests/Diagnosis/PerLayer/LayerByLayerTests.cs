using RnnParity.Core.Tensors;
using RnnParity.Diagnosis;
using RnnParity.Diagnosis.PerLayer;
using RnnParity.Fixtures.Format;

namespace RnnParity.Tests.Diagnosis.PerLayer;

/// <summary>
/// The layer-by-layer check without Python: against a reference made of the case's own C# layer
/// outputs (so only the perturbation below can make a layer differ), and with a reference that
/// cannot run, where diff must still work and say why the check did not run.
/// </summary>
[TestFixture]
public sealed class LayerByLayerTests
{
    static string Stacked => RepoPaths.KerasCase("stacked_rnn_dense");

    /// <summary>Every layer's outputs as the unperturbed C# model computes them.</summary>
    sealed class OwnReference(CaseModel model) : ILayerReference
    {
        public string Name => "the unperturbed C# model";

        public ReferenceLayers Compute(string caseDirectory)
        {
            var runs = new List<IReadOnlyList<ReferenceLayerOutput>>();
            model.Run(call: (m, inputs) =>
            {
                var calls = new List<ReferenceLayerOutput>();
                var result = m.Call(inputs, (layer, call, outputs) => calls.Add(new ReferenceLayerOutput(layer.Name, layer.ClassName, call, outputs)));
                runs.Add(calls);
                return result;
            });
            return new ReferenceLayers(runs, []);
        }
    }

    sealed class Unavailable : ILayerReference
    {
        public string Name => "a reference";

        public ReferenceLayers Compute(string caseDirectory) => throw new LayerReferenceUnavailableException("no interpreter here");
    }

    sealed class CannotRun : ILayerReference
    {
        public string Name => "a reference";

        public ReferenceLayers Compute(string caseDirectory) => new(null, ["lstm (LSTM): no layer for this class"]);
    }

    /// <summary>The case with one weight of <paramref name="layer"/> scaled by 1.5 on the C# side only.</summary>
    internal static CaseModel Perturbed(CaseModel model, string layer, string weight)
    {
        var weights = model.CopyWeights();
        int i = model.Fixture.Weights.ToList().FindIndex(w => w.Layer == layer && w.Name == weight);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), $"{layer}/{weight} is among the case's weights");
        var w = weights[i];
        for (int k = 0; k < w.Length; k++) w.Data[k] *= 1.5f;
        return model.WithWeights(weights);
    }

    [TestCase("dense", "kernel")]
    [TestCase("lstm", "recurrent_kernel")]
    [TestCase("simple_rnn", "bias")]
    public void The_perturbed_layer_is_the_first_bad_one(string layer, string weight)
    {
        var model = CaseModel.Load(CaseReader.Load(Stacked));

        var check = LayerByLayer.Check(Perturbed(model, layer, weight), Stacked, new OwnReference(model));

        Assert.That(check.FirstBadLayer, Is.EqualTo(layer), check.Description);
    }

    [Test]
    public void Unperturbed_no_layer_is_bad_and_all_three_are_checked()
    {
        var model = CaseModel.Load(CaseReader.Load(Stacked));

        var check = LayerByLayer.Check(model, Stacked, new OwnReference(model));

        Assert.That(check.FirstBadLayer, Is.Null);
        Assert.That(check.Description, Does.Contain("3 layer(s) checked"));
    }

    [Test]
    public void An_unavailable_reference_leaves_diff_working_and_says_why()
    {
        DiffResult result = CaseDiff.Run(Stacked, layerReference: new Unavailable());

        Assert.That(result.Passed, Is.True);
        Assert.That(result.FirstBadLayer, Is.Null);
        Assert.That(result.LayerCheck, Does.StartWith("not run: no interpreter here"));
    }

    [Test]
    public void A_reference_that_cannot_run_the_model_names_the_layer()
    {
        DiffResult result = CaseDiff.Run(Stacked, layerReference: new CannotRun());

        Assert.That(result.FirstBadLayer, Is.Null);
        Assert.That(result.LayerCheck, Does.Contain("lstm (LSTM)").And.StartWith("not run"));
    }

    [Test]
    public void With_actual_outputs_the_check_is_not_applicable()
    {
        string temp = TestFiles.NewTempFolder("layerdiff");
        try
        {
            var c = CaseReader.Load(Stacked);
            File.Copy(c.PathOf(c.Runs[0].Outputs[0].File), Path.Combine(temp, c.Runs[0].Outputs[0].File));

            DiffResult result = CaseDiff.Run(Stacked, temp, new Unavailable());

            Assert.That(result.FirstBadLayer, Is.Null);
            Assert.That(result.LayerCheck, Does.StartWith("not applicable"));
        }
        finally { Directory.Delete(temp, recursive: true); }
    }
}
