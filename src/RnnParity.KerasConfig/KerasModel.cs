using System.Text.Json;
using System.Text.Json.Nodes;
using PureHDF;
using RnnParity.KerasConfig.Files;
using RnnParity.KerasConfig.Legacy;
using RnnParity.Layers;
using RnnParity.Layers.Models;

namespace RnnParity.KerasConfig;

/// <summary>
/// Keras model files read in C#, no Python: the counterpart of <c>keras.models.load_model</c> and
/// <c>model.load_weights</c>. Reading (zip, HDF5 → config JSON and named weight arrays) is in
/// <c>Files/</c>, the Keras 2 → Keras 3 config upgrade in <c>Legacy/</c>, and the one
/// <see cref="LayerFactory"/> builds the layers.
/// </summary>
public static class KerasModel
{
    static ReadOnlySpan<byte> ZipMagic => "PK\x03\x04"u8;
    static ReadOnlySpan<byte> Hdf5Magic => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Loads a Keras 3 <c>.keras</c> zip, or a legacy <c>.h5</c> written by Keras 3, tf.keras 2.x or
    /// Keras 2.2–2.3, with its weights.
    /// </summary>
    /// <exception cref="ModelFileException">
    /// the file is missing, unreadable, corrupt, unsafe (code, zip slip, zip bomb), uses a layer or option
    /// not supported yet, or its weights do not match its config; the message names the file, layer and weight.
    /// </exception>
    public static LoadedKerasModel Load(string path, KerasLoadOptions? options = null)
    {
        options ??= new KerasLoadOptions();
        string file = path;
        byte[] head = ReadHead(path);
        return Guard(file, "model file", () =>
        {
            if (head.AsSpan().StartsWith(ZipMagic)) return LoadZip(path, file, options);
            if (head.AsSpan().StartsWith(Hdf5Magic)) return LoadH5(path, file, options);
            throw new ModelFileException(file, "not a Keras model file: neither a .keras zip nor an HDF5 .h5 file (checked the first bytes)");
        });
    }

    /// <summary>
    /// Keras's <c>model.load_weights(path)</c>: sets the weights of <paramref name="model"/> (built from
    /// its JSON) from a Keras 3 <c>*.weights.h5</c> file, or from a legacy <c>.h5</c> (full model or weights only).
    /// Nothing is assigned unless every weight is found with the shape the model gives it.
    /// </summary>
    /// <exception cref="ModelFileException">as <see cref="Load"/>; also missing or extra weights.</exception>
    public static void LoadWeights(Model model, string path, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        limits ??= ReadLimits.Default;
        string file = path;
        byte[] head = ReadHead(path);
        Guard(file, "HDF5 weights file", () =>
        {
            if (!head.AsSpan().StartsWith(Hdf5Magic))
                throw new ModelFileException(file, "not an HDF5 weights file (expected the HDF5 signature at the start)");
            using var h5 = H5File.OpenRead(path);
            WeightsFrom(model, h5, file, limits).Apply();
            return 0;
        });
    }

    static byte[] ReadHead(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            var head = new byte[8];
            int n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return head[..n];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(path, e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"cannot read the file: {e.Message}", inner: e);
        }
    }

    /// <summary>Whatever a corrupt file makes the readers throw becomes a <see cref="ModelFileException"/> naming the file.</summary>
    static T Guard<T>(string file, string what, Func<T> load)
    {
        try { return load(); }
        catch (ModelFileException) { throw; }
        catch (KerasConfigException e) { throw new ModelFileException(file, $"config {e.Message}", inner: e); }
        catch (LayerConfigurationException e) { throw new ModelFileException(file, e.Message, inner: e); }
        catch (OutOfMemoryException e) { throw new ModelFileException(file, "the file asks for more memory than is available; refusing it", inner: e); }
        catch (Exception e)
        {
            // PureHDF reports a corrupt or truncated file with whatever exception its parser meets.
            throw new ModelFileException(file, $"not a readable Keras {what} (truncated or corrupt?): {e.GetType().Name}: {e.Message}", inner: e);
        }
    }

    static LoadedKerasModel LoadZip(string path, string file, KerasLoadOptions options)
    {
        KerasZipContents contents;
        using (var s = File.OpenRead(path)) contents = KerasZipReader.Read(s, file, options.Limits);
        string? version = null, backend = null;
        if (contents.MetadataJson is { } meta)
        {
            var node = ParseJson(meta, file, KerasZipReader.MetadataEntry) as JsonObject;
            version = node?["keras_version"] is JsonValue v && v.TryGetValue(out string? vs) ? vs : null;
            backend = node?["backend"] is JsonValue b && b.TryGetValue(out string? bs) ? bs : null;
        }
        var (model, kept, notes) = Build(ParseJson(contents.ConfigJson, file, KerasZipReader.ConfigEntry), version, file, options);
        string weightsFile = $"{file}!{KerasZipReader.WeightsEntry}";
        Guard(weightsFile, "HDF5 weights file", () =>
        {
            if (!contents.WeightsH5.AsSpan().StartsWith(Hdf5Magic))
                throw new ModelFileException(weightsFile, "not an HDF5 file (expected the HDF5 signature at the start)");
            using var h5 = H5File.Open(new MemoryStream(contents.WeightsH5, writable: false), leaveOpen: false);
            Keras3WeightLayout.Read(model, h5, weightsFile, options.Limits).Apply();
            return 0;
        });
        return new LoadedKerasModel(model, path, ModelFileFormat.KerasZip, version, backend, kept, notes);
    }

    static LoadedKerasModel LoadH5(string path, string file, KerasLoadOptions options)
    {
        using var h5 = H5File.OpenRead(path);
        string? configText = H5Access.StringAttribute(h5, "model_config");
        if (configText is null)
        {
            string what = H5Access.Group(h5, "layers") is not null || H5Access.StringsAttribute(h5, "layer_names").Length > 0
                ? "a weights-only file: build the model from its JSON and use KerasModel.LoadWeights"
                : "not a Keras model file";
            throw new ModelFileException(file, $"the HDF5 file has no 'model_config' attribute; {what}");
        }
        string? version = H5Access.StringAttribute(h5, "keras_version");
        string? backend = H5Access.StringAttribute(h5, "backend");
        var (model, kept, notes) = Build(ParseJson(configText, file, "model_config"), version, file, options);
        IH5Group weights = H5Access.Group(h5, "model_weights")
            ?? throw new ModelFileException(file, "the file has a model_config but no 'model_weights' group (saved without weights?)");
        LegacyH5WeightLayout.Read(model, weights, file, options.Limits).Apply();
        return new LoadedKerasModel(model, path, ModelFileFormat.LegacyH5, version, backend, kept, notes);
    }

    static PendingWeights WeightsFrom(Model model, IH5Group h5, string file, ReadLimits limits)
    {
        if (H5Access.Group(h5, "model_weights") is { } legacy) return LegacyH5WeightLayout.Read(model, legacy, file, limits);
        if (H5Access.StringsAttribute(h5, "layer_names").Length > 0) return LegacyH5WeightLayout.Read(model, h5, file, limits);
        return Keras3WeightLayout.Read(model, h5, file, limits);
    }

    static JsonNode ParseJson(string text, string file, string what)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                ?? throw new ModelFileException(file, $"{what} is JSON null; expected a model config");
        }
        catch (JsonException e) { throw new ModelFileException(file, $"{what} is not valid JSON: {e.Message}", inner: e); }
    }

    static (Model Model, IReadOnlyList<string> Kept, IReadOnlyList<string> Notes) Build(JsonNode config, string? version, string file, KerasLoadOptions options)
    {
        if (config is not JsonObject root) throw new ModelFileException(file, "the model config is not a JSON object");
        SafeMode.Check(root, file);
        var notes = new List<string>();
        IReadOnlyList<string> kept = [];
        int major = MajorVersion(version);
        if (major == 1) throw new ModelFileException(file, $"written by Keras {version}; Keras 1 files are not supported yet (Keras 2.2 and later are)");
        if (major < 3)
        {
            var where = Keras2ConfigUpgrade.Upgrade(root, options.Keras3Activations);
            if (where.Count > 0)
            {
                kept = options.Keras3Activations ? [] : where;
                notes.Add(options.Keras3Activations
                    ? $"written by Keras {version ?? "< 3"}: hard_sigmoid in {string.Join(", ", where)} computed with Keras 3's relu6(x + 3) / 6, as Keras 3 loads it (trained with Keras 2's clip(0.2x + 0.5, 0, 1))"
                    : $"written by Keras {version ?? "< 3"}: hard_sigmoid in {string.Join(", ", where)} keeps Keras 2's meaning clip(0.2x + 0.5, 0, 1) (Keras 3 would use relu6(x + 3) / 6)");
            }
        }
        try { return (ModelLoader.FromJson(root.ToJsonString()), kept, notes); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // A config the layers refuse is the file's config, not a corrupt file.
            throw new ModelFileException(file, $"config: {e.Message}", inner: e);
        }
    }

    /// <summary>The major version in <c>keras_version</c>; a file that does not say is taken as Keras 2 (Keras 3 always writes it).</summary>
    static int MajorVersion(string? version)
    {
        if (version is null) return 2;
        int dot = version.IndexOf('.');
        return int.TryParse(dot < 0 ? version : version[..dot], out int major) ? major : 2;
    }
}
