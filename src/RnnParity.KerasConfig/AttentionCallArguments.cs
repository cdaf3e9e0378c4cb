using RnnParity.Layers;
using RnnParity.Layers.Attention;

namespace RnnParity.KerasConfig;

/// <summary>
/// The call arguments of the attention layers in a functional node's <c>kwargs</c>
/// (<c>use_causal_mask</c>, <c>return_attention_scores</c>), which change what the layer computes
/// and how many outputs it has, so they must not be read past.
/// </summary>
internal static class AttentionCallArguments
{
    public static void Read(Layer layer, ConfigNode? kwargs)
    {
        if (layer is not Attention attention) return;
        bool causal = kwargs?.GetBool("use_causal_mask", false) ?? false;
        bool scores = kwargs?.GetBool("return_attention_scores", false) ?? false;
        try { attention.SetCallOptions(causal, scores); }
        catch (LayerConfigurationException e) { throw new KerasConfigException(kwargs?.Path ?? "", e.Message, e); }
    }
}
