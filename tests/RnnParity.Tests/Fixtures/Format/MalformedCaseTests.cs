using System.Text;
using System.Text.Json.Nodes;
using RnnParity.Fixtures.Format;
using static RnnParity.Tests.Fixtures.Format.FixtureTestFiles;

namespace RnnParity.Tests.Fixtures.Format;

/// <summary>
/// One broken case per category, each made by copying a valid committed case into a temp dir and
/// breaking one thing. Loading it must throw <see cref="FixtureException"/> that names the case,
/// the file and the field.
/// </summary>
public class MalformedCaseTests
{
    /// <param name="File">File the exception must name.</param>
    /// <param name="Field">Field it must name (null: none applies, e.g. a JSON syntax error).</param>
    /// <param name="DetailPart">Text the message must contain.</param>
    public sealed record Breakage(string Category, Action<string> Break, string File, string? Field, string DetailPart)
    {
        public override string ToString() => Category;
    }

    const string Case = TemplateCase;

    static string P(string dir, string file) => Path.Combine(dir, file);

    static Action<string> EditCase(Action<JsonObject> edit) => dir => EditJson(P(dir, "case.json"), edit);

    static Action<string> Remove(string jsonPath) => EditCase(root =>
    {
        (JsonNode parent, string last) = Walk(root, jsonPath);
        parent.AsObject().Remove(last);
    });

    static Action<string> Set(string jsonPath, JsonNode? value) => EditCase(root =>
    {
        (JsonNode parent, string last) = Walk(root, jsonPath);
        if (int.TryParse(last, out int i) && parent is JsonArray arr) arr[i] = value;
        else parent.AsObject()[last] = value;
    });

    /// <summary>"runs[0].inputs[0].file" → (the inputs[0] object, "file"); "a[1]" → (array a, "1").</summary>
    static (JsonNode, string) Walk(JsonObject root, string path)
    {
        var parts = path.Replace("[", ".").Replace("]", "").Split('.');
        JsonNode node = root;
        for (int k = 0; k < parts.Length - 1; k++)
            node = int.TryParse(parts[k], out int i) ? node.AsArray()[i]! : node.AsObject()[parts[k]]!;
        return (node, parts[^1]);
    }

    static Action<string> WriteFile(string file, byte[] bytes) => dir => File.WriteAllBytes(P(dir, file), bytes);

    static Action<string> Truncate(string file, int keep) => dir => File.WriteAllBytes(P(dir, file), File.ReadAllBytes(P(dir, file))[..keep]);

    static readonly byte[] Four = new byte[4];

    public static IEnumerable<TestCaseData> Breakages()
    {
        var list = new List<Breakage>
        {
            new("malformed_json", WriteFile("case.json", Encoding.UTF8.GetBytes("{\n  \"format\": \"rnnparity-fixture/1\",\n  \"name\": }")), "case.json", null, "line 3"),
            new("duplicate_key", dir => File.WriteAllText(P(dir, "case.json"), File.ReadAllText(P(dir, "case.json")).Replace("\"seed\": 101,", "\"seed\": 101, \"seed\": 7,")), "case.json", null, "seed"),
            new("case_json_not_utf8", WriteFile("case.json", [0x7b, 0x22, 0xff, 0x22, 0x7d]), "case.json", null, "UTF-8"),
            new("case_json_missing", dir => File.Delete(P(dir, "case.json")), "case.json", null, "does not exist"),
            new("case_json_empty", WriteFile("case.json", []), "case.json", null, "empty"),
            new("root_is_array", WriteFile("case.json", Encoding.UTF8.GetBytes("[1, 2]")), "case.json", "(root)", "an array"),
            new("unknown_format", Set("format", "rnnparity-fixture/2"), "case.json", "format", "'rnnparity-fixture/2'"),
            new("bad_name", Set("name", "Seed-RNN"), "case.json", "name", "[a-z0-9_]+"),
            new("name_differs_from_directory", Set("name", "another_case"), "case.json", "name", "'another_case'"),
            new("two_line_description", Set("description", "a\nb"), "case.json", "description", "one line"),
            new("unknown_reference", Set("reference", "tensorflow"), "case.json", "reference", "'tensorflow'"),
            new("unknown_dtype", Set("dtype", "float16"), "case.json", "dtype", "'float16'"),
            new("seed_is_string", Set("seed", "101"), "case.json", "seed", "an integer"),
            new("seed_is_fraction", Set("seed", 1.5), "case.json", "seed", "an integer"),
            new("seed_is_negative", Set("seed", -1), "case.json", "seed", ">= 0"),
            new("provenance_is_string", Set("provenance", "make_reference.py"), "case.json", "provenance", "an object"),
            new("weights_is_object", Set("weights", new JsonObject()), "case.json", "weights", "an array"),
            new("weight_entry_is_number", Set("weights[1]", 3), "case.json", "weights[1]", "an object"),
            new("runs_empty", Set("runs", new JsonArray()), "case.json", "runs", "at least one"),
            new("reset_states_is_string", Set("runs[0].reset_states", "no"), "case.json", "runs[0].reset_states", "true or false"),
            new("outputs_empty", Set("runs[0].outputs", new JsonArray()), "case.json", "runs[0].outputs", "at least one"),
            new("file_with_slash", Set("runs[0].inputs[0].file", "sub/run0_in0.npy"), "case.json", "runs[0].inputs[0].file", "plain file name"),
            new("file_with_backslash", Set("weights[0].file", "sub\\w00.npy"), "case.json", "weights[0].file", "plain file name"),
            new("file_with_dotdot", Set("weights[2].file", "../w02.npy"), "case.json", "weights[2].file", "'../w02.npy'"),
            new("file_is_dotdot", Set("model", ".."), "case.json", "model", "plain file name"),
            new("file_absolute", Set("weights[0].file", "/etc/passwd"), "case.json", "weights[0].file", "'/etc/passwd'"),
            new("file_empty", Set("runs[0].outputs[0].file", ""), "case.json", "runs[0].outputs[0].file", "plain file name"),
            new("file_with_nul", Set("weights[0].file", "w00.npy\0x"), "case.json", "weights[0].file", "plain file name"),
            new("file_is_number", Set("weights[0].file", 7), "case.json", "weights[0].file", "a string"),
            new("file_missing", dir => File.Delete(P(dir, "w01.npy")), "case.json", "weights[1].file", "'w01.npy' does not exist"),
            new("file_is_directory", dir => { File.Delete(P(dir, "w01.npy")); Directory.CreateDirectory(P(dir, "w01.npy")); }, "case.json", "weights[1].file", "directory"),
            new("symlink_escaping", dir =>
            {
                string outside = P(Path.GetDirectoryName(dir)!, "outside.npy");
                File.Copy(P(dir, "w00.npy"), outside);
                File.Delete(P(dir, "w00.npy"));
                File.CreateSymbolicLink(P(dir, "w00.npy"), outside);
            }, "case.json", "weights[0].file", "outside the case directory"),
            new("relative_symlink_escaping", dir =>
            {
                File.Delete(P(dir, "model.json"));
                File.CreateSymbolicLink(P(dir, "model.json"), "../../../../../../../../etc/hostname");
            }, "case.json", "model", "outside the case directory"),
            new("case_json_symlink_escaping", dir =>
            {
                string outside = P(Path.GetDirectoryName(dir)!, "case.json");
                File.Move(P(dir, "case.json"), outside);
                File.CreateSymbolicLink(P(dir, "case.json"), outside);
            }, "case.json", null, "outside the case directory"),
            new("model_json_malformed", WriteFile("model.json", Encoding.UTF8.GetBytes("{\"class_name\": \"Sequential\", ")), "model.json", null, "well-formed JSON"),
            new("model_json_not_object", WriteFile("model.json", Encoding.UTF8.GetBytes("\"Sequential\"")), "model.json", "(root)", "JSON object"),
            new("summary_missing", dir => File.Delete(P(dir, "summary.txt")), "case.json", "expected.summary", "does not exist"),
            new("summary_not_utf8", WriteFile("summary.txt", [0x4d, 0xc3, 0x28]), "summary.txt", null, "UTF-8"),
            new("summary_line_length_zero", Set("expected.summary_line_length", 0), "case.json", "expected.summary_line_length", "from 1"),
            new("output_shapes_not_list", Set("expected.output_shapes", "(None, 3)"), "case.json", "expected.output_shapes", "a list of shapes"),
            new("shape_negative_dim", Set("expected.output_shapes[0]", new JsonArray(null, -3)), "case.json", "expected.output_shapes[0][1]", "non-negative integer or null"),
            new("shape_string_dim", Set("expected.layers[0].output_shapes[0]", new JsonArray(null, "3")), "case.json", "expected.layers[0].output_shapes[0][1]", "non-negative integer or null"),
            new("params_negative", Set("expected.layers[0].params", -42), "case.json", "expected.layers[0].params", ">= 0"),
            new("totals_inconsistent", Set("expected.total_params", 43), "case.json", "expected.total_params", "trainable_params + non_trainable_params"),
            new("negative_tolerance", Set("tolerance.atol", -1e-6), "case.json", "tolerance.atol", "non-negative finite"),
            new("infinite_tolerance", Set("tolerance.rtol", JsonNode.Parse("1e400")), "case.json", "tolerance.rtol", "non-negative finite"),
            new("tolerance_is_string", Set("tolerance.atol", "1e-6"), "case.json", "tolerance.atol", "number"),
            new("outputs_count_differs", Set("expected.output_shapes", new JsonArray(new JsonArray(null, 3), new JsonArray(null, 3))), "case.json", "runs[0].outputs", "expected 2 outputs"),
            new("output_shape_mismatch", Set("expected.output_shapes[0]", new JsonArray(null, 4)), "run0_out0.npy", "shape", "(None, 4)"),
            new("npy_empty", WriteFile("w00.npy", []), "w00.npy", "magic", "empty"),
            new("npy_truncated_data", Truncate("run0_in0.npy", 200), "run0_in0.npy", "data", "needs"),
            new("npy_truncated_header", Truncate("w01.npy", 50), "w01.npy", "header_len", "exceeds"),
            new("npy_bad_magic", dir => { byte[] b = File.ReadAllBytes(P(dir, "w02.npy")); b[1] = (byte)'X'; File.WriteAllBytes(P(dir, "w02.npy"), b); }, "w02.npy", "magic", "magic string"),
            new("npy_bad_header", WriteFile("w00.npy", Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) 'x'}", Four)), "w00.npy", "header", "Python dict"),
            new("npy_object_dtype", WriteFile("w00.npy", Npy(Header("|O", false, "(1,)"), Four)), "w00.npy", "descr", "object arrays"),
            new("npy_pickle_payload", WriteFile("run0_in0.npy", Npy(Header("|O", false, "()"), Encoding.Latin1.GetBytes("\x80\x04\x95\x10\x00cposix\nsystem\n.\x00"))), "run0_in0.npy", "descr", "pickle"),
            new("npy_unknown_dtype", WriteFile("w00.npy", Npy(Header("<c8", false, "(1,)"), new byte[8])), "w00.npy", "descr", "'<c8'"),
            new("npy_overflowing_dims", WriteFile("w01.npy", Npy(Header("<f4", false, "(99999999999999999999, 2)"), Four)), "w01.npy", "shape", "above the largest"),
            new("npy_negative_dims", WriteFile("w01.npy", Npy(Header("<f4", false, "(3, -3)"), Four)), "w01.npy", "shape", "negative"),
            new("npy_huge_dims_tiny_file", WriteFile("run0_out0.npy", Npy(Header("<f4", false, "(1000000, 1000000)"), Four)), "run0_out0.npy", "shape", "limit"),
            new("npy_trailing_bytes", dir => File.AppendAllText(P(dir, "w02.npy"), "junk"), "w02.npy", "data", "trailing"),
        };
        foreach (Breakage b in list) yield return new TestCaseData(b).SetName("Malformed_" + b.Category);
    }

    [Test]
    public void There_are_at_least_30_categories() => Assert.That(Breakages().Count(), Is.GreaterThanOrEqualTo(30));

    [TestCaseSource(nameof(Breakages))]
    public void Load_names_case_file_and_field(Breakage b)
    {
        using var tmp = new TempDir();
        string dir = CopyCase(tmp.Path);
        Assert.That(() => CaseReader.Load(dir), Throws.Nothing, "the template case must load before it is broken");
        b.Break(dir);

        var ex = Assert.Throws<FixtureException>(() => CaseReader.Load(dir));
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(ex!.CaseName, Is.EqualTo(Case));
        Assert.That(ex.File, Is.EqualTo(b.File));
        Assert.That(ex.Field, Is.EqualTo(b.Field));
        Assert.That(ex.Message, Does.StartWith($"case '{Case}': {b.File}: " + (b.Field is null ? "" : $"field '{b.Field}': ")));
        Assert.That(ex.Message, Does.Contain(b.DetailPart));
    }
}
