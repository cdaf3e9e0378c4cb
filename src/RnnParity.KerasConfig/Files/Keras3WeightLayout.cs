using System.Text.RegularExpressions;
using PureHDF;
using RnnParity.Core.Tensors;
using RnnParity.Layers;
using RnnParity.Layers.Models;
using RnnParity.Layers.Recurrent;
using RnnParity.Layers.Wrappers;

namespace RnnParity.KerasConfig.Files;

/// <summary>
/// Where Keras 3 keeps each weight in <c>model.weights.h5</c> (inside a <c>.keras</c> zip, or alone),
/// after <c>keras/src/saving/saving_lib.py</c>: the model's layers are a container, so each layer's
/// group is named after its <i>class</i> in snake case, numbered within the model
/// (<c>layers/lstm</c>, <c>layers/lstm_1</c>, <c>layers/dense</c>), not after the layer's name. A
/// layer's own variables are <c>vars/0</c>, <c>vars/1</c>, ... in creation order; sub-layers are
/// groups named after the attribute that holds them (<c>cell</c> of an RNN, <c>forward_layer</c> and
/// <c>backward_layer</c> of Bidirectional, <c>layer</c> of TimeDistributed). Keras walks attributes in
/// sorted order, so the file's order is not <c>get_weights()</c> order; the mapping is by path.
/// </summary>
internal static class Keras3WeightLayout
{
    /// <summary>Reads every weight of <paramref name="model"/> from the store root; refuses missing, extra and misshapen weights.</summary>
    public static PendingWeights Read(Model model, IH5Group root, string file, ReadLimits limits)
    {
        var pending = new PendingWeights();
        var layersGroup = H5Access.Group(root, "layers");
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (Layer layer in model.Layers)
        {
            string key = UniqueName(ToSnakeCase(layer.ClassName), used);
            visited.Add(key);
            IH5Group? group = layersGroup is null ? null : H5Access.Group(layersGroup, key);
            var consumed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (sub, weights) in Slots(layer))
            {
                if (weights.Count == 0) continue;
                string varsPath = sub.Length == 0 ? "vars" : $"{sub}/vars";
                for (int i = 0; i < weights.Count; i++)
                {
                    string where = $"layers/{key}/{varsPath}/{i}";
                    IH5Dataset d = (group is null ? null : H5Access.Dataset(group, $"{varsPath}/{i}"))
                        ?? throw new ModelFileException(file, $"missing: the weights file has no '{where}' for this weight (Keras names a layer's group after its class, numbered in model order)", layer.Name, weights[i].Name);
                    pending.Add(weights[i], H5Access.ReadWeight(d, weights[i].Shape, file, layer.Name, weights[i].Name, where, limits));
                    consumed.Add($"{varsPath}/{i}");
                }
            }
            if (group is null) continue;
            foreach (string path in H5Access.DatasetPaths(group))
                if (!consumed.Contains(path) && !IsCarriedState(layer, path))
                    throw new ModelFileException(file, $"extra weight 'layers/{key}/{path}' in the file, which the config does not give this layer", layer.Name);
        }
        if (layersGroup is not null)
            foreach (var child in layersGroup.Children())
                if (!visited.Contains(child.Name) && child is IH5Group g && H5Access.DatasetPaths(g).FirstOrDefault() is { } extra)
                    throw new ModelFileException(file, $"extra weight 'layers/{child.Name}/{extra}': no layer of the model is stored under 'layers/{child.Name}'");
        return pending;
    }

    /// <summary>The groups holding a layer's variables, each with the variables in get_weights order.</summary>
    static IEnumerable<(string Sub, IReadOnlyList<Variable> Weights)> Slots(Layer layer) => layer switch
    {
        RecurrentLayer r => [("cell", r.Weights)],
        Bidirectional b => [("forward_layer/cell", b.Forward.Weights), ("backward_layer/cell", b.Backward.Weights)],
        TimeDistributed t => Slots(t.Layer).Select(s => (s.Sub.Length == 0 ? "layer" : $"layer/{s.Sub}", s.Weights)),
        _ => [("", layer.Weights)],
    };

    /// <summary>A stateful RNN saves its carried state as its own variables; that is state, not a weight.</summary>
    static bool IsCarriedState(Layer layer, string path) =>
        path.StartsWith("vars/", StringComparison.Ordinal) && layer is RecurrentLayer { Options.Stateful: true };

    /// <summary><c>keras.src.utils.naming.to_snake_case</c>.</summary>
    internal static string ToSnakeCase(string name)
    {
        name = Regex.Replace(name, @"\W+", "");
        name = Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        return Regex.Replace(name, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
    }

    /// <summary><c>saving_lib._get_unique_name</c>: the first is the bare name, then <c>_1</c>, <c>_2</c>, ...</summary>
    static string UniqueName(string name, Dictionary<string, int> used)
    {
        if (used.TryGetValue(name, out int n))
        {
            used[name] = n + 1;
            return $"{name}_{n + 1}";
        }
        used[name] = 0;
        return name;
    }
}
