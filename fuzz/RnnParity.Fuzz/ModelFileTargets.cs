using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Files;
using RnnParity.Layers.Models;

namespace RnnParity.Fuzz;

/// <summary>
/// What the two model-file targets share: the bytes are written to a temp file (the loaders read
/// paths, as users call them) and loaded with tight <see cref="ReadLimits"/>. Only
/// <see cref="ModelFileException"/> is expected, and it must name the file. Invariant: an accepted
/// model has every weight finite-or-not but of the shape its config gives (the loader checked it),
/// and runs on a zero input of its declared shape without an exception other than a layer's refusal.
/// </summary>
public abstract class ModelFileTarget : FuzzTarget
{
    /// <summary>Small enough that a bomb is refused fast, large enough for the seeds.</summary>
    protected static readonly ReadLimits Limits = new()
    {
        MaxEntryBytes = 1 << 20, MaxTotalBytes = 2 << 20, RatioFloorBytes = 64 << 10, MaxWeightElements = 1 << 18,
    };

    readonly string _path;

    protected ModelFileTarget(string extension)
    {
        string root = Environment.GetEnvironmentVariable("RNNPARITY_FUZZ_TMP") is { Length: > 0 } t ? t : Path.GetTempPath();
        string dir = Path.Combine(root, $"rnnparity-fuzz-{Environment.ProcessId}-{extension.TrimStart('.')}");
        Directory.CreateDirectory(dir);
        _path = Path.Combine(dir, "fuzz" + extension);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }

    // Our own allocations are bounded by Limits (zip entries 2 MiB, weights 1 MiB each). PureHDF 2.2.0
    // allocates a buffer of the size an object header declares before it checks the file is that
    // long (found by this target; fuzz/README.md), so up to 2 GiB per input is PureHDF's, transient,
    // and refused afterwards: the budget allows it so that the fuzzer keeps looking for real crashes.
    protected override long AllocationBudget(int length) => (5L << 29) + 256L * length;

    protected override Outcome Execute(byte[] input)
    {
        File.WriteAllBytes(_path, input);
        try
        {
            Keras.ClearSession();
            Model? model = Load(_path);
            if (model is not null) Run(model);
            return Outcome.Accept();
        }
        catch (ModelFileException e)
        {
            if (!e.Message.StartsWith(_path, StringComparison.Ordinal))
                throw new FuzzFindingException($"the refusal does not start with the file's name: {e.Message}", e);
            return Outcome.Reject(e.Message);
        }
    }

    /// <summary>Loads the file; returns the model to run, if any.</summary>
    protected abstract Model? Load(string path);

    static void Run(Model model)
    {
        var inputs = new List<RnnParity.Core.Tensors.Tensor>();
        foreach (var shape in model.InputShapes)
        {
            int[] concrete = shape.Select(d => d ?? 2).ToArray();
            if (concrete.Aggregate(1L, (a, b) => a * b) > 1 << 16) return;
            inputs.Add(new RnnParity.Core.Tensors.Tensor(concrete, new float[concrete.Aggregate(1, (a, b) => a * b)]));
        }
        try { model.Call(inputs); }
        catch (RnnParity.Layers.LayerConfigurationException) { }
    }
}

/// <summary>The bytes are a <c>.keras</c> zip: <see cref="KerasModel.Load"/>.</summary>
public sealed class KerasZipTarget() : ModelFileTarget(".keras")
{
    public override string Name => "keras-zip";

    protected override Model? Load(string path) => KerasModel.Load(path, new KerasLoadOptions { Limits = Limits }).Model;
}

/// <summary>
/// The bytes are an HDF5 file: <see cref="KerasModel.Load"/> (legacy <c>.h5</c>), and when that finds
/// no model config, <see cref="KerasModel.LoadWeights"/> into a fixed SimpleRNN(3) → Dense(1) model.
/// </summary>
public sealed class Hdf5Target() : ModelFileTarget(".h5")
{
    const string WeightsModel = """
        {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 4, 2], "dtype": "float32", "name": "input_layer"}},
          {"class_name": "SimpleRNN", "config": {"name": "rnn", "units": 3}},
          {"class_name": "Dense", "config": {"name": "dense", "units": 1}}]}}
        """;

    public override string Name => "hdf5";

    protected override Model? Load(string path)
    {
        try
        {
            return KerasModel.Load(path, new KerasLoadOptions { Limits = Limits }).Model;
        }
        catch (ModelFileException e) when (e.Message.Contains("KerasModel.LoadWeights", StringComparison.Ordinal))
        {
            Model model = ModelLoader.FromJson(WeightsModel);
            KerasModel.LoadWeights(model, path, Limits);
            return model;
        }
    }
}
