using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;

namespace RnnParity.Layers.Models;

/// <summary>Threading as an option on the whole model, however deep its recurrent layers sit.</summary>
public static class ModelThreads
{
    /// <summary>
    /// Sets <see cref="RecurrentLayer.Threads"/> (0 = automatic) on every recurrent layer of
    /// <paramref name="model"/>: directly in it, inside <c>Bidirectional</c> and <c>TimeDistributed</c>,
    /// and in nested models. Results stay bit-identical whatever the count. Returns how many layers it set.
    /// </summary>
    public static int SetThreads(this Model model, int threads)
    {
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, $"model '{model.Name}': threads must be 0 (automatic) or positive.");
        return model.Layers.Sum(layer => Set(layer, threads));
    }

    static int Set(Layer layer, int threads) => layer switch
    {
        RecurrentLayer recurrent => Assign(recurrent, threads),
        Bidirectional both => Assign(both.Forward, threads) + Assign(both.Backward, threads),
        TimeDistributed wrapper => Set(wrapper.Layer, threads),
        ModelLayer nested => nested.Model.SetThreads(threads),
        _ => 0,
    };

    static int Assign(RecurrentLayer layer, int threads)
    {
        layer.Threads = threads;
        return 1;
    }
}
