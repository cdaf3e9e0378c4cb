using RnnParity.Layers;
using RnnParity.Layers.Attention;
using RnnParity.Layers.Graph;
using AttentionLayer = RnnParity.Layers.Attention.Attention;
using KerasApi = RnnParity.Layers.Models.Keras;

namespace RnnParity.Tests.Layers.Attention;

/// <summary>One holder of use_causal_mask/return_attention_scores for every attention layer: the same refusal, naming the layer and both values.</summary>
[TestFixture]
public sealed class AttentionCallOptionsTests
{
    [SetUp]
    public void ClearNames() => KerasApi.ClearSession();

    static IEnumerable<TestCaseData> Layers()
    {
        yield return new TestCaseData((Func<Layer>)(() => new AttentionLayer(name: "att"))).SetName("Attention");
        yield return new TestCaseData((Func<Layer>)(() => new AdditiveAttention(name: "att"))).SetName("AdditiveAttention");
        yield return new TestCaseData((Func<Layer>)(() => new MultiHeadAttention(2, 2, name: "att"))).SetName("MultiHeadAttention");
    }

    [TestCaseSource(nameof(Layers))]
    public void Other_values_after_the_first_call_are_refused_by_name(Func<Layer> make)
    {
        var layer = make();
        var options = (IAttentionCallOptions)layer;
        options.SetCallOptions(useCausalMask: true, returnAttentionScores: false);
        options.SetCallOptions(useCausalMask: true, returnAttentionScores: false);

        var e = Assert.Throws<NotSupportedYetException>(() => options.SetCallOptions(useCausalMask: false, returnAttentionScores: true))!;

        Assert.That(e.Message, Does.Contain("not supported yet").And.Contain("'att'").And.Contain(layer.ClassName)
            .And.Contain("use_causal_mask=False, return_attention_scores=True").And.Contain("after use_causal_mask=True, return_attention_scores=False"));
        Assert.That(layer.CallOptions, Is.EqualTo(new[] { "use_causal_mask", "return_attention_scores" }));
    }

    [Test]
    public void Multi_head_attention_applies_with_the_options_it_was_first_called_with()
    {
        KerasTensor x = KerasApi.Input([3, 4]);
        var mha = new MultiHeadAttention(2, 2);
        var (_, scores) = mha.ApplyWithScores([x, x], useCausalMask: true);

        Assert.That((mha.UseCausalMask, mha.ReturnAttentionScores), Is.EqualTo((true, true)));
        Assert.That(scores.Shape, Is.EqualTo(new int?[] { null, 2, 3, 3 }));
        Assert.Throws<NotSupportedYetException>(() => mha.Apply([x, x]));
    }
}
