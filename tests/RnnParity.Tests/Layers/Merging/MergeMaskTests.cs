using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Merging;

namespace RnnParity.Tests.Layers.Merging;

/// <summary>
/// The masked-merge tests of Keras's <c>keras/src/layers/merging/merging_test.py</c>
/// (<c>test_add_with_mask</c> … <c>test_concatenate_with_mask</c>), their literal expected values:
/// x1 = Masking()([[0,0],[1,2],[0,0],[3,4]]) and x2 = [[0,0],[0,0],[1,2],[3,4]], unmasked, then masked.
/// </summary>
[TestFixture]
public sealed class MergeMaskTests
{
    [SetUp]
    public void ClearNames() => RnnParity.Layers.Models.Keras.ClearSession();

    static Tensor Seq(params float[] pairs) => new([1, 4, 2], pairs);

    static Tensor Masked(Tensor x) => new Masking().Call(x);

    static IEnumerable<TestCaseData> Cases()
    {
        float[] positive1 = [0, 0, 1, 2, 0, 0, 3, 4], positive2 = [0, 0, 0, 0, 1, 2, 3, 4];
        float[] negative1 = [0, 0, -1, -2, 0, 0, -3, -4], negative2 = [0, 0, 0, 0, -1, -2, -3, -4];
        yield return new TestCaseData(new Add(), positive1, positive2, new float[] { 0, 0, 1, 2, 1, 2, 6, 8 }, new float[] { 0, 0, 1, 2, 1, 2, 6, 8 }).SetName("Add");
        yield return new TestCaseData(new Subtract(), positive1, positive2, new float[] { 0, 0, 1, 2, -1, -2, 0, 0 }, new float[] { 0, 0, 1, 2, -1, -2, 0, 0 }).SetName("Subtract");
        yield return new TestCaseData(new Average(), positive1, positive2, new float[] { 0, 0, 0.5f, 1, 0.5f, 1, 3, 4 }, new float[] { 0, 0, 0.5f, 1, 0.5f, 1, 3, 4 }).SetName("Average");
        yield return new TestCaseData(new Multiply(), positive1, positive2, new float[] { 0, 0, 0, 0, 1, 2, 9, 16 }, new float[] { 0, 0, 1, 2, 1, 2, 9, 16 }).SetName("Multiply");
        yield return new TestCaseData(new Maximum(), negative1, negative2, new float[] { 0, 0, 0, 0, -1, -2, -3, -4 }, new float[] { 0, 0, -1, -2, -1, -2, -3, -4 }).SetName("Maximum");
        yield return new TestCaseData(new Minimum(), positive1, positive2, new float[] { 0, 0, 0, 0, 1, 2, 3, 4 }, new float[] { 0, 0, 1, 2, 1, 2, 3, 4 }).SetName("Minimum");
    }

    [TestCaseSource(nameof(Cases))]
    public void Keras_masked_merge(Merge layer, float[] x1, float[] x2, float[] oneMasked, float[] bothMasked)
    {
        Tensor first = Masked(Seq(x1));

        Tensor y = layer.Call([first, Seq(x2)])[0];
        Assert.That(y.Data, Is.EqualTo(oneMasked), "x2 unmasked");
        Assert.That(y.Mask, Is.Null, "no output mask unless every input has one");

        y = layer.Call([first, Masked(Seq(x2))])[0];
        Assert.That(y.Data, Is.EqualTo(bothMasked), "both masked");
        Assert.That(y.Mask, Is.EqualTo(new[] { false, true, true, true }), "the OR of the masks");
    }

    [Test]
    public void Keras_masked_concatenate()
    {
        Tensor x1 = Masked(Seq(0, 0, 1, 2, 0, 0, 3, 4)), x2 = Seq(0, 0, 0, 0, 1, 2, 3, 4);

        Tensor steps = new Concatenate(axis: 1).Call([x1, x2])[0];
        Assert.That(steps.Shape, Is.EqualTo(new[] { 1, 8, 2 }));
        Assert.That(steps.Data, Is.EqualTo(new float[] { 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4 }));
        Assert.That(steps.Mask, Is.EqualTo(new[] { false, true, false, true, true, true, true, true }));

        Tensor features = new Concatenate(axis: 2).Call([x1, x2])[0];
        Assert.That(features.Data, Is.EqualTo(new float[] { 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 2, 3, 4, 3, 4 }));
        Assert.That(features.Mask, Is.EqualTo(new[] { true, true, true, true }), "an unmasked input keeps every step");
    }

    [Test]
    public void Concatenate_on_features_of_two_masked_inputs_is_the_OR()
    {
        Tensor x1 = Masked(Seq(0, 0, 1, 2, 0, 0, 3, 4)), x2 = Masked(Seq(0, 0, 0, 0, 1, 2, 3, 4));
        Assert.That(new Concatenate().Call([x1, x2])[0].Mask, Is.EqualTo(new[] { false, true, true, true }));
    }

    [Test]
    public void No_masks_no_output_mask()
    {
        Assert.That(new Concatenate().Call([Seq(1, 2, 3, 4, 5, 6, 7, 8), Seq(1, 2, 3, 4, 5, 6, 7, 8)])[0].Mask, Is.Null);
        Assert.That(new Add().Call([Seq(1, 2, 3, 4, 5, 6, 7, 8), Seq(1, 2, 3, 4, 5, 6, 7, 8)])[0].Mask, Is.Null);
    }

    [Test]
    public void Subtract_takes_exactly_two_inputs()
    {
        // merging_test.py test_subtract_layer_inputs_length_errors
        var e = Assert.Throws<LayerConfigurationException>(() => new Subtract(name: "s").Build([null, 4], [null, 4], [null, 4]))!;
        Assert.That(e.Message, Does.Contain("exactly 2"));
        Assert.Throws<LayerConfigurationException>(() => new Subtract().Build([null, 4]));
    }
}
