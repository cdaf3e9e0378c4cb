using System.Text;
using System.Text.Json;
using RnnParity.Core.Tensors;

namespace RnnParity.Fixtures.Format;

/// <summary>
/// Reads a case directory (FIXTURES.md, format <c>rnnparity-fixture/1</c>) and validates all of it:
/// <c>case.json</c> field by field, every file it names (plain names inside the directory, present,
/// no symbolic link leading out), <c>model.json</c> well-formed, every <c>.npy</c> header and size,
/// and the run outputs against <c>expected.output_shapes</c>. Every fault throws
/// <see cref="FixtureException"/> naming the case, the file and the field.
/// </summary>
public static class CaseReader
{
    public const string CaseFileName = "case.json";

    /// <summary>Largest <c>case.json</c>, <c>model.json</c> or summary accepted (16 MiB).</summary>
    public const long MaxTextBytes = 16L * 1024 * 1024;

    static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 128,
        // A repeated key would make one of its values silently win.
        AllowDuplicateProperties = false,
    };

    static readonly string[] References = ["keras", "numpy"];
    static readonly string[] DTypes = ["float32", "float64"];

    static readonly string[] CommonProvenance = ["generator", "python", "numpy", "created", "draw"];
    static readonly string[] KerasProvenance = [.. CommonProvenance, "keras", "keras_backend"];

    /// <summary>Loads and validates the case in <paramref name="caseDirectory"/>.</summary>
    /// <exception cref="FixtureException">Anything about the case is wrong.</exception>
    public static FixtureCase Load(string caseDirectory, NpyReadOptions? npyOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseDirectory);
        var ctx = new Ctx(caseDirectory);
        if (!Directory.Exists(ctx.Dir)) throw new FixtureException(ctx.Case, null, null, $"the case directory '{ctx.Dir}' does not exist");

        ctx.File = CaseFileName;
        ctx.CheckFile(CaseFileName, field: null, what: "a case directory must hold case.json");
        using JsonDocument doc = ctx.ReadJson(CaseFileName, referencedBy: null);
        JsonElement root = doc.RootElement;
        ctx.File = CaseFileName;
        if (root.ValueKind != JsonValueKind.Object) throw ctx.Err("(root)", $"expected a JSON object, got {Ctx.Kind(root)}");

        string format = ctx.Str(root, "format", "format");
        if (format != FixtureCase.FormatId)
            throw ctx.Err("format", $"unsupported format {Ctx.Q(format)}; this reader understands '{FixtureCase.FormatId}' (regenerate the case, or use a newer RnnParity)");

        string name = ctx.Str(root, "name", "name");
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            throw ctx.Err("name", $"expected a name matching [a-z0-9_]+, got {Ctx.Q(name)}");
        if (name != ctx.Case)
            throw ctx.Err("name", $"expected the case directory's name '{ctx.Case}', got {Ctx.Q(name)}");

        string description = ctx.Str(root, "description", "description");
        if (description.Contains('\n') || description.Contains('\r')) throw ctx.Err("description", "expected one line, got a line break");

        string reference = ctx.OneOf(root, "reference", "reference", References);
        long seed = ctx.Int(root, "seed", "seed", min: 0);
        string dtype = ctx.OneOf(root, "dtype", "dtype", DTypes);
        JsonElement provenance = ctx.Req(root, "provenance", "provenance", JsonValueKind.Object, "an object").Clone();
        // FIXTURES.md: every case says how it was made; a Keras case also says with which Keras.
        foreach (string key in reference == "keras" ? KerasProvenance : CommonProvenance)
            ctx.Str(provenance, key, $"provenance.{key}");
        string model = ctx.FileName(root, "model", "model");

        var weights = new List<FixtureWeight>();
        JsonElement wArr = ctx.Req(root, "weights", "weights", JsonValueKind.Array, "an array");
        int wi = 0;
        foreach (JsonElement w in wArr.EnumerateArray())
        {
            string p = $"weights[{wi++}]";
            ctx.Obj(w, p);
            weights.Add(new FixtureWeight(ctx.Str(w, "path", p + ".path"), ctx.Str(w, "layer", p + ".layer"), ctx.Str(w, "name", p + ".name"), ctx.FileName(w, "file", p + ".file"))
            { JsonPath = p + ".file" });
        }

        var runs = new List<FixtureRun>();
        JsonElement rArr = ctx.Req(root, "runs", "runs", JsonValueKind.Array, "an array");
        if (rArr.GetArrayLength() == 0) throw ctx.Err("runs", "expected at least one run, got an empty array");
        int ri = 0;
        foreach (JsonElement r in rArr.EnumerateArray())
        {
            string p = $"runs[{ri++}]";
            ctx.Obj(r, p);
            JsonElement reset = ctx.Req(r, "reset_states", p + ".reset_states", JsonValueKind.True, "true or false");
            runs.Add(new FixtureRun(reset.GetBoolean(), ctx.Refs(r, "inputs", p + ".inputs"), ctx.Refs(r, "outputs", p + ".outputs")));
        }

        JsonElement e = ctx.Req(root, "expected", "expected", JsonValueKind.Object, "an object");
        IReadOnlyList<int?[]> outputShapes = ctx.Shapes(e, "output_shapes", "expected.output_shapes");
        var layers = new List<FixtureLayer>();
        JsonElement lArr = ctx.Req(e, "layers", "expected.layers", JsonValueKind.Array, "an array");
        int li = 0;
        foreach (JsonElement l in lArr.EnumerateArray())
        {
            string p = $"expected.layers[{li++}]";
            ctx.Obj(l, p);
            layers.Add(new FixtureLayer(ctx.Str(l, "name", p + ".name"), ctx.Str(l, "class_name", p + ".class_name"),
                ctx.Shapes(l, "output_shapes", p + ".output_shapes"), ctx.Int(l, "params", p + ".params", min: 0)));
        }
        long total = ctx.Int(e, "total_params", "expected.total_params", min: 0);
        long trainable = ctx.Int(e, "trainable_params", "expected.trainable_params", min: 0);
        long nonTrainable = ctx.Int(e, "non_trainable_params", "expected.non_trainable_params", min: 0);
        if (trainable + nonTrainable != total)
            throw ctx.Err("expected.total_params", $"expected trainable_params + non_trainable_params = {trainable} + {nonTrainable} = {trainable + nonTrainable}, got {total}");
        string? summary = null;
        if (e.TryGetProperty("summary", out JsonElement s) && s.ValueKind != JsonValueKind.Null)
            summary = ctx.FileName(e, "summary", "expected.summary");
        int? lineLength = null;
        if (e.TryGetProperty("summary_line_length", out JsonElement sl) && sl.ValueKind != JsonValueKind.Null)
            lineLength = (int)ctx.Int(e, "summary_line_length", "expected.summary_line_length", min: 1, max: 10_000);

        JsonElement t = ctx.Req(root, "tolerance", "tolerance", JsonValueKind.Object, "an object");
        var tolerance = new FixtureTolerance(ctx.Tol(t, "atol", "tolerance.atol"), ctx.Tol(t, "rtol", "tolerance.rtol"));

        var fc = new FixtureCase(ctx.Dir, name, description, reference, seed, dtype, provenance, model, weights, runs,
            new FixtureExpected(outputShapes, layers, total, trainable, nonTrainable, summary, lineLength), tolerance);

        // The files the manifest names.
        using (ctx.ReadJson(model, referencedBy: "model")) { }
        if (summary is not null) ctx.CheckUtf8(summary, "expected.summary");
        npyOptions ??= NpyReadOptions.Default;
        foreach (FixtureWeight w in weights) ctx.Header(w.File, w.JsonPath!, npyOptions);
        for (int i = 0; i < runs.Count; i++)
        {
            foreach (FixtureTensorRef input in runs[i].Inputs) ctx.Header(input.File, input.JsonPath!, npyOptions);
            ctx.File = CaseFileName;
            if (runs[i].Outputs.Count != outputShapes.Count)
                throw ctx.Err($"runs[{i}].outputs", $"expected {outputShapes.Count} outputs (one per expected.output_shapes entry), got {runs[i].Outputs.Count}");
            for (int j = 0; j < runs[i].Outputs.Count; j++)
            {
                FixtureTensorRef o = runs[i].Outputs[j];
                NpyHeader h = ctx.Header(o.File, o.JsonPath!, npyOptions);
                if (!ShapeUtil.Matches(outputShapes[j], h.Shape))
                    throw new FixtureException(ctx.Case, o.File, "shape",
                        $"expected a shape matching expected.output_shapes[{j}] {ShapeUtil.Format(outputShapes[j])}, got {ShapeUtil.Format(h.Shape)}", o.JsonPath);
            }
        }
        return fc;
    }

    /// <summary>Parses the case's model JSON (the caller disposes it). Errors name the model file.</summary>
    public static JsonDocument LoadModelJson(FixtureCase fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        var ctx = new Ctx(fixtureCase.Directory);
        ctx.File = CaseFileName;
        ctx.CheckFileName(fixtureCase.ModelFile, "model");
        return ctx.ReadJson(fixtureCase.ModelFile, referencedBy: "model");
    }

    /// <summary>Reads one array of the case; <paramref name="field"/> is the JSON path that names
    /// it (<c>weights[0].file</c>), quoted in any error.</summary>
    public static NpyArray LoadArray(FixtureCase fixtureCase, string file, string field, NpyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(field);
        var ctx = new Ctx(fixtureCase.Directory);
        ctx.File = CaseFileName;
        ctx.CheckFileName(file, field);
        try
        {
            return NpyReader.Read(fixtureCase.PathOf(file), options);
        }
        catch (NpyFormatException ex)
        {
            throw new FixtureException(ctx.Case, file, ex.Field, ex.Detail, field, ex);
        }
    }

    /// <summary>
    /// The case's weights as NumSharp arrays, in <c>model.get_weights()</c> order: what
    /// <c>Model.SetWeights</c> takes for a model built from the case's <c>model.json</c>.
    /// </summary>
    /// <exception cref="FixtureException">a weight file is missing or unreadable; the message names the case, the file and the field.</exception>
    public static NumSharp.NDArray[] LoadWeights(FixtureCase fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        return fixtureCase.Weights.Select((w, i) => LoadArray(fixtureCase, w.File, $"weights[{i}].file").ToNDArray()).ToArray();
    }

    /// <summary>The inputs of run <paramref name="run"/> as NumSharp arrays, in the model's input order (what <c>Model.PredictMany</c> takes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">the case has no run <paramref name="run"/>.</exception>
    public static NumSharp.NDArray[] LoadInputs(FixtureCase fixtureCase, int run = 0) =>
        RunArrays(fixtureCase, run, "inputs", r => r.Inputs);

    /// <summary>The expected outputs of run <paramref name="run"/> as NumSharp arrays, in the model's output order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the case has no run <paramref name="run"/>.</exception>
    public static NumSharp.NDArray[] LoadExpectedOutputs(FixtureCase fixtureCase, int run = 0) =>
        RunArrays(fixtureCase, run, "outputs", r => r.Outputs);

    static NumSharp.NDArray[] RunArrays(FixtureCase fixtureCase, int run, string key, Func<FixtureRun, IReadOnlyList<FixtureTensorRef>> refs)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        if ((uint)run >= (uint)fixtureCase.Runs.Count)
            throw new ArgumentOutOfRangeException(nameof(run), run, $"case '{fixtureCase.Name}' has {fixtureCase.Runs.Count} run(s).");
        return refs(fixtureCase.Runs[run]).Select((t, i) => LoadArray(fixtureCase, t.File, $"runs[{run}].{key}[{i}].file").ToNDArray()).ToArray();
    }

    /// <summary>The summary text, or null when the case has none.</summary>
    public static string? LoadSummary(FixtureCase fixtureCase)
    {
        ArgumentNullException.ThrowIfNull(fixtureCase);
        if (fixtureCase.Expected.Summary is not string file) return null;
        var ctx = new Ctx(fixtureCase.Directory);
        ctx.File = CaseFileName;
        ctx.CheckFileName(file, "expected.summary");
        return ctx.CheckUtf8(file, "expected.summary");
    }

    /// <summary>FIXTURES.md: a plain name inside the case directory: no '/', '\', '..', absolute
    /// path or drive, no control characters, not empty.</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0
        && name.IndexOfAny(['/', '\\']) < 0
        && !name.Contains("..", StringComparison.Ordinal)
        && name != "."
        && !name.Any(char.IsControl)
        && !(name.Length >= 2 && name[1] == ':')
        && !Path.IsPathRooted(name);

    sealed class Ctx
    {
        public Ctx(string directory)
        {
            string full;
            try
            {
                full = Path.GetFullPath(directory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new FixtureException(directory, null, null, $"invalid case directory path: {e.Message}", inner: e);
            }
            Dir = Path.TrimEndingDirectorySeparator(full);
            Case = Path.GetFileName(Dir);
            try
            {
                RealDir = new DirectoryInfo(Dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Dir;
            }
            catch (IOException)
            {
                RealDir = Dir;
            }
        }

        public string Case { get; }
        public string Dir { get; }
        string RealDir { get; }
        public string File { get; set; } = CaseFileName;

        public FixtureException Err(string? field, string detail) => new(Case, File, field, detail);

        public static string Q(string s) => PyLiteralParser.Describe(s);

        public static string Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string {Q(e.GetString()!)}",
            JsonValueKind.Number => $"the number {Trim(e.GetRawText())}",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        };

        static string Trim(string s) => s.Length > 40 ? s[..40] + "..." : s;

        public JsonElement Req(JsonElement obj, string key, string path, JsonValueKind kind, string expected)
        {
            if (!obj.TryGetProperty(key, out JsonElement v)) throw Err(path, $"required field is missing; expected {expected}");
            bool ok = kind == JsonValueKind.True ? v.ValueKind is JsonValueKind.True or JsonValueKind.False : v.ValueKind == kind;
            if (!ok) throw Err(path, $"expected {expected}, got {Kind(v)}");
            return v;
        }

        public void Obj(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Err(path, $"expected an object, got {Kind(e)}");
        }

        public string Str(JsonElement obj, string key, string path) => Req(obj, key, path, JsonValueKind.String, "a string").GetString()!;

        public string OneOf(JsonElement obj, string key, string path, string[] allowed)
        {
            string v = Req(obj, key, path, JsonValueKind.String, "one of " + string.Join(", ", allowed.Select(a => $"\"{a}\""))).GetString()!;
            if (!allowed.Contains(v)) throw Err(path, $"expected one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, got {Q(v)}");
            return v;
        }

        public long Int(JsonElement obj, string key, string path, long min = long.MinValue, long max = long.MaxValue)
        {
            JsonElement v = Req(obj, key, path, JsonValueKind.Number, "an integer");
            if (!v.TryGetInt64(out long n)) throw Err(path, $"expected an integer, got {Kind(v)}");
            if (n < min || n > max)
                throw Err(path, max == long.MaxValue ? $"expected an integer >= {min}, got {n}" : $"expected an integer from {min} to {max}, got {n}");
            return n;
        }

        public double Tol(JsonElement obj, string key, string path)
        {
            JsonElement v = Req(obj, key, path, JsonValueKind.Number, "a non-negative finite number");
            if (!v.TryGetDouble(out double d) || !double.IsFinite(d) || d < 0)
                throw Err(path, $"expected a non-negative finite number, got {Kind(v)}");
            return d;
        }

        public IReadOnlyList<int?[]> Shapes(JsonElement obj, string key, string path)
        {
            JsonElement arr = Req(obj, key, path, JsonValueKind.Array, "a list of shapes");
            var result = new List<int?[]>();
            int i = 0;
            foreach (JsonElement shape in arr.EnumerateArray())
            {
                string p = $"{path}[{i++}]";
                if (shape.ValueKind != JsonValueKind.Array) throw Err(p, $"expected a shape (a list of non-negative integers or null), got {Kind(shape)}");
                var dims = new int?[shape.GetArrayLength()];
                int j = 0;
                foreach (JsonElement d in shape.EnumerateArray())
                {
                    if (d.ValueKind == JsonValueKind.Null) dims[j] = null;
                    else if (d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out int n) && n >= 0) dims[j] = n;
                    else throw Err($"{p}[{j}]", $"expected a non-negative integer or null, got {Kind(d)}");
                    j++;
                }
                result.Add(dims);
            }
            return result;
        }

        public IReadOnlyList<FixtureTensorRef> Refs(JsonElement run, string key, string path)
        {
            JsonElement arr = Req(run, key, path, JsonValueKind.Array, "an array of {\"name\", \"file\"} objects");
            if (arr.GetArrayLength() == 0) throw Err(path, "expected at least one entry, got an empty array");
            var list = new List<FixtureTensorRef>();
            int i = 0;
            foreach (JsonElement item in arr.EnumerateArray())
            {
                string p = $"{path}[{i++}]";
                Obj(item, p);
                list.Add(new FixtureTensorRef(Str(item, "name", p + ".name"), FileName(item, "file", p + ".file")) { JsonPath = p + ".file" });
            }
            return list;
        }

        /// <summary>A file-name field: plain, inside the directory, existing.</summary>
        public string FileName(JsonElement obj, string key, string path)
        {
            string f = Str(obj, key, path);
            CheckFileName(f, path);
            return f;
        }

        public void CheckFileName(string f, string path)
        {
            if (!IsPlainFileName(f)) throw Err(path, $"expected a plain file name inside the case directory, got {Q(f)}");
            CheckFile(f, path, what: null);
        }

        /// <summary>Exists, is a file, and is not a symbolic link that leads out of the directory.</summary>
        public void CheckFile(string f, string? field, string? what)
        {
            string full = Path.Combine(Dir, f);
            FileInfo fi = new(full);
            if (fi.LinkTarget is not null)
            {
                FileSystemInfo? target;
                try
                {
                    target = fi.ResolveLinkTarget(returnFinalTarget: true);
                }
                catch (IOException ex)
                {
                    throw Err(field, $"{Q(f)} is a symbolic link that cannot be resolved: {ex.Message}");
                }
                string t = target?.FullName ?? fi.LinkTarget;
                if (!Inside(t)) throw Err(field, $"{Q(f)} is a symbolic link to {Q(t)}, outside the case directory");
            }
            if (Directory.Exists(full)) throw Err(field, $"{Q(f)} is a directory, expected a file");
            if (!System.IO.File.Exists(full)) throw Err(field, $"file {Q(f)} does not exist in the case directory" + (what is null ? "" : $"; {what}"));
        }

        bool Inside(string target)
        {
            string? parent = Path.GetDirectoryName(Path.GetFullPath(target));
            if (parent is null) return false;
            StringComparison cmp = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (string root in new[] { Dir, RealDir })
                if (parent.Equals(root, cmp) || parent.StartsWith(root + Path.DirectorySeparatorChar, cmp)) return true;
            return false;
        }

        byte[] ReadBytes(string f, string? referencedBy)
        {
            string full = Path.Combine(Dir, f);
            try
            {
                using var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (fs.Length > MaxTextBytes)
                    throw new FixtureException(Case, f, null, $"is {fs.Length} bytes, above the limit of {MaxTextBytes}", referencedBy);
                var bytes = new byte[fs.Length];
                fs.ReadExactly(bytes);
                return bytes;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FixtureException(Case, f, null, $"cannot read: {e.Message}", referencedBy, e);
            }
        }

        public JsonDocument ReadJson(string f, string? referencedBy)
        {
            byte[] bytes = ReadBytes(f, referencedBy);
            if (bytes.Length == 0) throw new FixtureException(Case, f, null, "is empty; expected a JSON object", referencedBy);
            try
            {
                _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new FixtureException(Case, f, null, $"is not valid UTF-8 (at byte {ex.Index})", referencedBy, ex);
            }
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(bytes, JsonOptions);
            }
            catch (JsonException ex)
            {
                string msg = ex.Message;
                int cut = msg.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0) msg = msg[..cut];
                string where = ex.LineNumber is long line ? $" at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}" : "";
                throw new FixtureException(Case, f, null, $"is not well-formed JSON{where}: {msg}", referencedBy, ex);
            }
            if (referencedBy is not null && doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                string kind = Kind(doc.RootElement);
                doc.Dispose();
                throw new FixtureException(Case, f, "(root)", $"expected a JSON object, got {kind}", referencedBy);
            }
            return doc;
        }

        public string CheckUtf8(string f, string field)
        {
            byte[] bytes = ReadBytes(f, field);
            try
            {
                return new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                throw new FixtureException(Case, f, null, $"is not valid UTF-8 (at byte {ex.Index})", field, ex);
            }
        }

        public NpyHeader Header(string f, string field, NpyReadOptions options)
        {
            try
            {
                return NpyReader.ReadHeader(Path.Combine(Dir, f), options);
            }
            catch (NpyFormatException ex)
            {
                throw new FixtureException(Case, f, ex.Field, ex.Detail, field, ex);
            }
        }
    }
}
