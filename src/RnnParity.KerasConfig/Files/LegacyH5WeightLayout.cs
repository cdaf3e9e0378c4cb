using PureHDF;
using RnnParity.Layers;
using RnnParity.Layers.Models;

namespace RnnParity.KerasConfig.Files;

/// <summary>
/// Where the legacy HDF5 format keeps weights (<c>keras/src/legacy/saving/legacy_h5_format.py</c>,
/// the same since Keras 2): group <c>model_weights</c> lists <c>layer_names</c>; each layer's group
/// lists <c>weight_names</c> in the layer's weight order (trainable, then non-trainable, nested
/// Bidirectional/TimeDistributed layers flattened: forward then backward), each a dataset path
/// relative to that group (<c>lstm_1/kernel:0</c>, <c>bidirectional/forward_lstm/lstm_cell/kernel:0</c>).
/// Keras matches layers with weights by position; a model built from the file's own config has the
/// same names, so here they are matched by name, which gives clearer errors.
/// </summary>
internal static class LegacyH5WeightLayout
{
    public static PendingWeights Read(Model model, IH5Group weightsRoot, string file, ReadLimits limits)
    {
        var pending = new PendingWeights();
        var fileLayers = H5Access.StringsAttribute(weightsRoot, "layer_names");
        var withWeights = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in fileLayers)
            if (H5Access.Group(weightsRoot, name) is { } g && H5Access.StringsAttribute(g, "weight_names").Length > 0)
                withWeights.Add(name);
        var modelLayers = new HashSet<string>(StringComparer.Ordinal);
        foreach (Layer layer in model.Layers)
        {
            modelLayers.Add(layer.Name);
            var weights = layer.Weights;
            if (weights.Count == 0) continue;
            IH5Group group = (fileLayers.Contains(layer.Name) ? H5Access.Group(weightsRoot, layer.Name) : null)
                ?? throw new ModelFileException(file, $"missing: 'model_weights' has no group for this layer (the file lists {string.Join(", ", fileLayers)})", layer.Name);
            string[] names = H5Access.StringsAttribute(group, "weight_names");
            if (names.Length != weights.Count)
                throw new ModelFileException(file,
                    $"the file has {names.Length} weight(s) ({string.Join(", ", names)}), the config makes {weights.Count} ({string.Join(", ", weights.Select(w => w.Name))})",
                    layer.Name, names.Length < weights.Count ? weights[names.Length].Name : null);
            for (int i = 0; i < names.Length; i++)
            {
                string where = $"{weightsRoot.Name.TrimEnd('/')}/{layer.Name}/{names[i]}";
                IH5Dataset d = H5Access.Dataset(group, names[i])
                    ?? throw new ModelFileException(file, $"missing: 'weight_names' lists '{names[i]}' but there is no dataset '{where}'", layer.Name, weights[i].Name);
                pending.Add(weights[i], H5Access.ReadWeight(d, weights[i].Shape, file, layer.Name, weights[i].Name, where, limits));
            }
        }
        foreach (string name in withWeights)
            if (!modelLayers.Contains(name) || model.Layers.First(l => l.Name == name).Weights.Count == 0)
                throw new ModelFileException(file, $"extra weights: the file holds weights for layer '{name}', which the config does not give any", name);
        return pending;
    }
}
