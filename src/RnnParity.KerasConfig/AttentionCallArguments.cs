using RnnParity.Layers;
using RnnParity.Layers.Attention;

namespace RnnParity.KerasConfig;

/// <summary>
/// The boolean call arguments of the attention layers in a functional node's <c>kwargs</c>:
/// <c>use_causal_mask</c> and <c>return_attention_scores</c> change what the layer computes and how
/// many outputs it has, so they are never read past (their names are the layers'
/// <see cref="Layer.CallOptions"/>, which <see cref="InboundNodes"/> leaves to this reader).
/// MultiHeadAttention's <c>query</c>/<c>value</c>/<c>key</c> given by keyword are its call keywords,
/// its <c>query_mask</c>/<c>value_mask</c>/<c>key_mask</c> its <see cref="Layer.MaskKeywords"/>;
/// <c>attention_mask</c> is refused as not supported yet, as any undeclared keyword is.
/// </summary>
internal static class AttentionCallArguments
{
    public static void Read(Layer layer, ConfigNode? kwargs)
    {
        if (layer is not IAttentionCallOptions attention) return;
        bool causal = kwargs?.GetBool("use_causal_mask", false) ?? false;
        bool scores = kwargs?.GetBool("return_attention_scores", false) ?? false;
        try { attention.SetCallOptions(causal, scores); }
        catch (LayerConfigurationException e) { throw new KerasConfigException(kwargs?.Path ?? "", e.Message, e); }
    }
}
