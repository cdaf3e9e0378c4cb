using System.IO.Compression;
using System.Text;
using PureHDF;

namespace RnnParity.Tests.KerasConfig.Files;

/// <summary>
/// Writes small Keras model files in a test's temp folder from the documented layouts, so that every
/// good and bad file a test uses is made by the test (zip with System.IO.Compression, HDF5 with PureHDF).
/// </summary>
internal static class ModelFileMaker
{
    /// <summary>A weight to store: its dataset path and values, with its shape.</summary>
    public sealed record Weight(string Path, float[] Values, params ulong[] Shape);

    /// <summary>Seeded values in [-0.5, 0.5), distinct per weight so that a swapped weight changes the result.</summary>
    public static float[] Values(int count, int seed)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
    }

    /// <summary>A Keras 3 weights store: groups from the weight paths (<c>layers/dense/vars/0</c>).</summary>
    public static H5File WeightsStore(IEnumerable<Weight> weights)
    {
        var file = new H5File();
        foreach (var w in weights) Put(file, w.Path, new H5Dataset(w.Values, fileDims: w.Shape));
        return file;
    }

    /// <summary>
    /// A legacy .h5 (<c>legacy_h5_format.save_model_to_hdf5</c>): root attributes <c>keras_version</c>,
    /// <c>backend</c>, <c>model_config</c>; group <c>model_weights</c> with <c>layer_names</c>, each layer
    /// group with <c>weight_names</c> (dataset paths relative to it).
    /// </summary>
    /// <param name="omit">dataset paths listed in weight_names but not written (a broken file).</param>
    public static void WriteLegacyH5(string path, string kerasVersion, string modelConfig, IEnumerable<(string Layer, Weight[] Weights)> layers,
        IReadOnlySet<string>? omit = null)
    {
        var layerList = layers.ToList();
        var weightsGroup = new H5Group
        {
            Attributes = new() { ["layer_names"] = layerList.Select(l => l.Layer).ToArray(), ["keras_version"] = kerasVersion, ["backend"] = "tensorflow" },
        };
        foreach (var (layer, weights) in layerList)
        {
            var g = new H5Group
            {
                Attributes = new() { ["weight_names"] = weights.Length == 0 ? (object)Array.Empty<float>() : weights.Select(w => w.Path).ToArray() },
            };
            foreach (var w in weights)
                if (omit is null || !omit.Contains(w.Path)) Put(g, w.Path, new H5Dataset(w.Values, fileDims: w.Shape));
            weightsGroup[layer] = g;
        }
        var file = new H5File
        {
            Attributes = new() { ["keras_version"] = kerasVersion, ["backend"] = "tensorflow", ["model_config"] = modelConfig },
            ["model_weights"] = weightsGroup,
        };
        file.Write(path);
    }

    /// <summary>A <c>.keras</c> zip: config.json, metadata.json, model.weights.h5 (stored, as Keras writes them).</summary>
    public static void WriteKerasZip(string path, string configJson, IEnumerable<Weight> weights, string kerasVersion = "3.15.1")
    {
        var h5 = new MemoryStream();
        WeightsStore(weights).Write(h5);
        WriteZip(path, [
            ("metadata.json", Encoding.UTF8.GetBytes($$"""{"keras_version": "{{kerasVersion}}", "date_saved": "2026-11-30@10:00:00"}""")),
            ("config.json", Encoding.UTF8.GetBytes(configJson)),
            ("model.weights.h5", h5.ToArray()),
        ]);
    }

    public static void WriteZip(string path, IEnumerable<(string Name, byte[] Data)> entries, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
        {
            using var s = zip.CreateEntry(name, level).Open();
            s.Write(data);
        }
    }

    static void Put(H5Group root, string path, object value)
    {
        string[] parts = path.Split('/');
        H5Group g = root;
        foreach (string part in parts[..^1])
        {
            if (!g.TryGetValue(part, out var child)) g[part] = child = new H5Group();
            g = (H5Group)child;
        }
        g[parts[^1]] = value;
    }
}
