using RnnParity.Layers;
using RnnParity.Layers.Attention;
using RnnParity.Layers.Graph;

namespace RnnParity.KerasConfig;

/// <summary>
/// The call arguments of the attention layers in a functional node's <c>kwargs</c>: <c>use_causal_mask</c>
/// and <c>return_attention_scores</c> change what the layer computes and how many outputs it has, so they
/// are never read past; MultiHeadAttention's <c>query</c>/<c>value</c>/<c>key</c> given by keyword join
/// the inputs in that order; an explicit <c>attention_mask</c> or per-input mask is refused as not supported yet.
/// </summary>
internal static class AttentionCallArguments
{
    public static void Read(Layer layer, ConfigNode? kwargs, List<KerasTensor> inputs, Action<ConfigNode> collect)
    {
        bool causal = kwargs?.GetBool("use_causal_mask", false) ?? false;
        bool scores = kwargs?.GetBool("return_attention_scores", false) ?? false;
        try
        {
            switch (layer)
            {
                case Attention attention:
                    attention.SetCallOptions(causal, scores);
                    break;
                case MultiHeadAttention mha:
                    if (kwargs is { } kw)
                    {
                        foreach (string refused in new[] { "attention_mask", "query_mask", "value_mask", "key_mask" })
                            if (kw.Optional(refused) is { } arg) throw arg.Fail($"MultiHeadAttention '{layer.Name}': an explicit {refused} is not supported yet");
                        foreach (string name in new[] { "query", "value", "key" })
                            if (kw.Optional(name) is { } tensor) collect(tensor);
                    }
                    mha.SetCallOptions(causal, scores);
                    break;
            }
        }
        catch (LayerConfigurationException e) { throw new KerasConfigException(kwargs?.Path ?? "", e.Message, e); }
    }
}
