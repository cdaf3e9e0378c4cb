using RnnParity.Layers.Basic;
using RnnParity.Layers.Graph;
using RnnParity.Layers.Naming;

namespace RnnParity.Layers.Models;

/// <summary>Keras's module-level helpers: <c>keras.Input</c> and <c>keras.utils.clear_session</c>.</summary>
public static class Keras
{
    /// <summary><c>keras.Input(shape=..., batch_size=...)</c>: a symbolic input; <paramref name="shape"/> excludes the batch.</summary>
    public static KerasTensor Input(int?[] shape, int? batchSize = null, string? name = null, string dtype = "float32") =>
        InputFromBatchShape([batchSize, .. shape], name, dtype);

    /// <summary><c>keras.Input(batch_shape=...)</c>.</summary>
    public static KerasTensor InputFromBatchShape(int?[] batchShape, string? name = null, string dtype = "float32")
    {
        return new InputLayer(batchShape, dtype, name).CreateInputTensor();
    }

    /// <summary>Starts automatic layer and model names afresh on this thread.</summary>
    public static void ClearSession() => KerasNames.ClearSession();
}
