namespace RnnParity.Layers.Attention;

/// <summary>
/// The boolean call arguments of Keras's attention layers, <c>use_causal_mask</c> and
/// <c>return_attention_scores</c>. Keras takes them on every call; here they are fixed by a layer
/// instance's first call, since the second changes its number of outputs, and a later call with
/// other values is refused as not supported yet.
/// </summary>
public sealed class AttentionCallOptions
{
    bool _fixed;

    /// <summary>Keras's call argument names, read by the config reader from each node's <c>kwargs</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["use_causal_mask", "return_attention_scores"];

    public bool UseCausalMask { get; private set; }

    public bool ReturnAttentionScores { get; private set; }

    /// <summary>Fixes the values for <paramref name="layer"/>'s calls; the same values again are fine.</summary>
    /// <exception cref="NotSupportedYetException">other values than the first call's.</exception>
    public void Set(Layer layer, bool useCausalMask, bool returnAttentionScores)
    {
        if (_fixed && (useCausalMask != UseCausalMask || returnAttentionScores != ReturnAttentionScores))
            throw new NotSupportedYetException(layer.Name, layer.ClassName, "call arguments",
                $"calling one instance with use_causal_mask={Py(useCausalMask)}, return_attention_scores={Py(returnAttentionScores)} "
                + $"after use_causal_mask={Py(UseCausalMask)}, return_attention_scores={Py(ReturnAttentionScores)}; use one layer per set of call arguments.");
        UseCausalMask = useCausalMask;
        ReturnAttentionScores = returnAttentionScores;
        _fixed = true;
    }

    static string Py(bool b) => b ? "True" : "False";
}

/// <summary>A layer whose calls take <see cref="AttentionCallOptions"/> (Attention, AdditiveAttention, MultiHeadAttention).</summary>
public interface IAttentionCallOptions
{
    /// <summary>Fixes this instance's call arguments (the model loader passes each node's <c>kwargs</c> here).</summary>
    void SetCallOptions(bool useCausalMask, bool returnAttentionScores);
}
