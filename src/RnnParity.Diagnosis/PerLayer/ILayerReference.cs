using RnnParity.Core.Tensors;

namespace RnnParity.Diagnosis.PerLayer;

/// <summary>
/// Something that recomputes a case one layer at a time (the NumPy reference through Python, in the
/// CLI). Diagnosis only knows this interface, so it runs, and is tested, without Python.
/// </summary>
public interface ILayerReference
{
    /// <summary>How the reference is named in <see cref="DiffResult.LayerCheck"/> (e.g. "the NumPy reference (python/numpy_runner.py)").</summary>
    string Name { get; }

    /// <summary>Every layer's outputs for every run of the case.</summary>
    /// <exception cref="LayerReferenceUnavailableException">the reference cannot run here (no interpreter, no numpy, a failing script).</exception>
    ReferenceLayers Compute(string caseDirectory);
}

/// <summary>One call of one layer, as the reference computed it.</summary>
/// <param name="Call">Which call of the layer (0 unless it is shared).</param>
public sealed record ReferenceLayerOutput(string Name, string ClassName, int Call, IReadOnlyList<Tensor> Outputs);

/// <param name="Runs">Per run, the layer calls in model.layers order; null when the reference could run no layer.</param>
/// <param name="Unchecked">The layers the reference cannot compute, each with the reason ("name (Class): reason").</param>
public sealed record ReferenceLayers(IReadOnlyList<IReadOnlyList<ReferenceLayerOutput>>? Runs, IReadOnlyList<string> Unchecked);

/// <summary>The layer reference cannot run here; the message says why, for <see cref="DiffResult.LayerCheck"/>.</summary>
public sealed class LayerReferenceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
