namespace RnnParity.Layers.Graph;

/// <summary>
/// How the masks of a recorded call reach a layer: Keras's <c>Layer.__call__</c> has one rule, but
/// what an explicit mask entry of <c>None</c> means, and which masks a call reads off its tensors, is
/// each layer's <c>call</c>'s own business.
/// </summary>
public enum CallMaskStyle
{
    /// <summary>
    /// A <c>mask</c> argument: filled from the input's own mask(s) only when the call has one tensor
    /// argument; an explicit <c>mask=</c> is used as given, a <c>None</c> entry meaning no mask
    /// (Attention's <c>mask=[None, value_mask]</c> leaves the query unmasked whatever its tensor carries).
    /// </summary>
    MaskArgument,

    /// <summary>
    /// A model used as a layer (<c>Functional.call</c>): explicit masks are set on the inputs they
    /// belong to, and an input whose entry is <c>None</c> keeps its own mask.
    /// </summary>
    ModelInputs,

    /// <summary>
    /// MultiHeadAttention: Keras fills <c>value_mask</c>/<c>key_mask</c> from each argument's own mask
    /// (the <c>{argument}_mask</c> rule for calls with several tensor arguments) unless given explicitly,
    /// and the call reads the query's mask off the query tensor itself, so an explicit
    /// <c>query_mask=</c> is ignored (Keras 3.15.1).
    /// </summary>
    PerArgument,
}
