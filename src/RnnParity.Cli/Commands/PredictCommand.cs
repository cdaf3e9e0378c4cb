using System.CommandLine;
using RnnParity.Core.Tensors;
using RnnParity.Fixtures.Format;
using RnnParity.KerasConfig;
using RnnParity.KerasConfig.Files;
using RnnParity.Layers;
using RnnParity.Layers.Basic;
using RnnParity.Layers.Models;

namespace RnnParity.Cli.Commands;

/// <summary>
/// <c>rnnparity predict MODEL_FILE INPUT.npy... --out DIR</c>: runs a Keras model file in C# (no
/// Python) and writes <c>DIR/output_0.npy</c>, <c>output_1.npy</c>, ... in the model's output order.
/// Everything is checked before anything is written: a refused file or input leaves DIR untouched.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL_FILE") { Description = "A Keras model file: .keras (Keras 3) or .h5 (Keras 3, tf.keras 2.x, Keras 2.2-2.3)." };
        var inputs = new Argument<string[]>("INPUT") { Description = "One .npy per model input, in the model's input order: float32, or int32/int64 ids for an Embedding input.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for output_0.npy, output_1.npy, ... (created; those files are replaced).", Required = true };
        var keras3 = new Option<bool>("--keras3-activations") { Description = "Give a Keras 2 file Keras 3's hard_sigmoid, as Keras 3's load_model does, instead of the Keras 2 meaning it was trained with." };
        var command = new Command("predict", "Run a Keras model file in C# on .npy inputs and write its outputs as .npy files.") { model, inputs, output, keras3 };
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(inputs)!, parse.GetValue(output)!,
            new KerasLoadOptions { Keras3Activations = parse.GetValue(keras3) }, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string modelFile, IReadOnlyList<string> inputFiles, string outDir, KerasLoadOptions options, TextWriter stdout, TextWriter stderr)
    {
        int Refuse(string message)
        {
            stderr.WriteLine($"rnnparity predict: {message}");
            return ExitCodes.Usage;
        }

        LoadedKerasModel loaded;
        try { loaded = KerasModel.Load(modelFile, options); }
        catch (ModelFileException e) { return Refuse(e.Message); }
        foreach (string note in loaded.Notes) stderr.WriteLine($"note: {note}");
        Model m = loaded.Model;

        if (inputFiles.Count != m.InputShapes.Count)
            return Refuse($"{modelFile} takes {m.InputShapes.Count} input(s) ({string.Join(", ", m.InputShapes.Select(s => ShapeUtil.Format(s)))}), got {inputFiles.Count} file(s)");
        var tensors = new List<Tensor>();
        for (int i = 0; i < inputFiles.Count; i++)
        {
            string file = inputFiles[i];
            NpyArray a;
            try { a = NpyReader.Read(file); }
            catch (NpyFormatException e) { return Refuse(e.Message); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Refuse($"{file}: cannot read: {e.Message}"); }
            if (!ShapeUtil.Matches(m.InputShapes[i], a.Shape))
                return Refuse($"{file}: model input {i} needs shape {ShapeUtil.Format(m.InputShapes[i])}, the file has {ShapeUtil.Format(a.Shape)}");
            if (InputKindError(m, i, a) is { } problem) return Refuse($"{file}: {problem}");
            tensors.Add(a.ToTensor());
        }

        IReadOnlyList<Tensor> outputs;
        try { outputs = m.Call(tensors); }
        catch (Exception e) when (e is LayerConfigurationException or ArgumentException or InvalidOperationException)
        {
            return Refuse($"{modelFile}: the model refused the inputs: {e.Message}");
        }

        try
        {
            Directory.CreateDirectory(outDir);
            for (int o = 0; o < outputs.Count; o++)
            {
                string path = Path.Combine(outDir, $"output_{o}.npy");
                // Written beside, then moved over, so a reader never sees half a file.
                string temp = path + ".tmp";
                NpyWriter.Write(temp, NpyArray.FromTensor(outputs[o]));
                File.Move(temp, path, overwrite: true);
                stdout.WriteLine($"{path}  {ShapeUtil.Format(outputs[o].Shape)} float32");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse($"cannot write the outputs to '{outDir}': {e.Message}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>float32 for a float input; ids (int32/int64, or whole floats) only where an Embedding reads them.</summary>
    static string? InputKindError(Model m, int i, NpyArray a)
    {
        string wanted = m.InputDTypes[i];
        bool integerInput = wanted.StartsWith("int", StringComparison.Ordinal) || wanted.StartsWith("uint", StringComparison.Ordinal);
        bool integerFile = a.DType is NpyDType.Int32 or NpyDType.Int64;
        // Keras 2 gave every input float32, so saved text models feed ids to an Embedding through a float32 input.
        bool embeddingInput = m.ConsumersOf(i) is { Count: > 0 } consumers && consumers.All(c => c is Embedding);
        if (integerFile)
        {
            if (!integerInput && !embeddingInput)
                return $"holds {a.DType.NumpyName()}, but model input {i} is {wanted} and does not feed an Embedding; give float32";
            // Ids travel as float32, exact below 2^24.
            if (a.Data.Any(v => Math.Abs(v) >= 1 << 24)) return "holds ids of 2^24 or more, which float32 cannot carry exactly";
            return null;
        }
        if (a.DType != NpyDType.Float32)
            return $"holds {a.DType.NumpyName()}; model input {i} takes float32 (convert with x.astype(numpy.float32))";
        return null;
    }
}
