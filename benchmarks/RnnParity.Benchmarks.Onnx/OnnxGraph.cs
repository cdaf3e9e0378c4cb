using Google.Protobuf;

namespace RnnParity.Benchmarks.Onnx;

/// <summary>An ONNX initializer: a named float32 (or int64) constant of a given shape.</summary>
public sealed record OnnxTensor(string Name, long[] Dims, float[]? Floats = null, long[]? Int64s = null);

/// <summary>One graph node: operator, inputs and outputs by name, int/float/ints attributes.</summary>
public sealed record OnnxNode(string OpType, string[] Inputs, string[] Outputs,
    IReadOnlyDictionary<string, object>? Attributes = null);

/// <summary>
/// A one-graph ONNX model written as <c>onnx.ModelProto</c> bytes with Google.Protobuf's
/// <see cref="CodedOutputStream"/> (no generated classes: the few fields below are written by their
/// numbers from <c>onnx/onnx.proto</c>, so the project needs no .proto compiler).
/// Inputs and outputs are float32 with fixed shapes.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>IR version 8 (ONNX 1.10+) and opset 14, where RNN/LSTM/GRU have their current form.</summary>
    public const long IrVersion = 8, Opset = 14;

    const int FloatType = 1, Int64Type = 7; // TensorProto.DataType
    const int AttrFloat = 1, AttrInt = 2, AttrInts = 7; // AttributeProto.AttributeType

    public List<OnnxNode> Nodes { get; } = [];
    public List<OnnxTensor> Initializers { get; } = [];
    public List<(string Name, long[] Dims)> Inputs { get; } = [];
    public List<(string Name, long[] Dims)> Outputs { get; } = [];

    public byte[] ToModelBytes(string graphName = "rnnparity_bench")
    {
        return Message(m =>
        {
            m.WriteTag(1, WireFormat.WireType.Varint); m.WriteInt64(IrVersion);          // ir_version
            WriteString(m, 2, "RnnParity.Benchmarks");                                     // producer_name
            WriteMessage(m, 7, g => WriteGraph(g, graphName));                              // graph
            WriteMessage(m, 8, o =>                                                         // opset_import
            {
                WriteString(o, 1, "");
                o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt64(Opset);
            });
        });
    }

    void WriteGraph(CodedOutputStream g, string name)
    {
        foreach (OnnxNode n in Nodes) WriteMessage(g, 1, s => WriteNode(s, n));             // node
        WriteString(g, 2, name);                                                            // name
        foreach (OnnxTensor t in Initializers) WriteMessage(g, 5, s => WriteTensor(s, t));  // initializer
        foreach (var (n, d) in Inputs) WriteMessage(g, 11, s => WriteValueInfo(s, n, d));   // input
        foreach (var (n, d) in Outputs) WriteMessage(g, 12, s => WriteValueInfo(s, n, d));  // output
    }

    static void WriteNode(CodedOutputStream s, OnnxNode n)
    {
        foreach (string i in n.Inputs) WriteString(s, 1, i);
        foreach (string o in n.Outputs) WriteString(s, 2, o);
        WriteString(s, 3, $"{n.OpType}_{n.Outputs[0]}");
        WriteString(s, 4, n.OpType);
        foreach (var (key, value) in n.Attributes ?? new Dictionary<string, object>())
            WriteMessage(s, 5, a =>
            {
                WriteString(a, 1, key);
                switch (value)
                {
                    case float f: a.WriteTag(2, WireFormat.WireType.Fixed32); a.WriteFloat(f); a.WriteTag(20, WireFormat.WireType.Varint); a.WriteInt32(AttrFloat); break;
                    case int or long: a.WriteTag(3, WireFormat.WireType.Varint); a.WriteInt64(Convert.ToInt64(value)); a.WriteTag(20, WireFormat.WireType.Varint); a.WriteInt32(AttrInt); break;
                    case long[] ints:
                        foreach (long v in ints) { a.WriteTag(8, WireFormat.WireType.Varint); a.WriteInt64(v); }
                        a.WriteTag(20, WireFormat.WireType.Varint); a.WriteInt32(AttrInts);
                        break;
                    default: throw new ArgumentException($"node {n.OpType}: attribute '{key}' of type {value.GetType().Name} is not supported by this writer.");
                }
            });
    }

    static void WriteTensor(CodedOutputStream s, OnnxTensor t)
    {
        foreach (long d in t.Dims) { s.WriteTag(1, WireFormat.WireType.Varint); s.WriteInt64(d); }
        s.WriteTag(2, WireFormat.WireType.Varint); s.WriteInt32(t.Floats is not null ? FloatType : Int64Type);
        WriteString(s, 8, t.Name);
        // raw_data: little-endian values, the compact form ORT reads without parsing each element.
        byte[] raw = t.Floats is not null
            ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Floats.AsSpan()).ToArray()
            : System.Runtime.InteropServices.MemoryMarshal.AsBytes((t.Int64s ?? []).AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian.");
        s.WriteTag(9, WireFormat.WireType.LengthDelimited); s.WriteBytes(ByteString.CopyFrom(raw));
    }

    static void WriteValueInfo(CodedOutputStream s, string name, long[] dims)
    {
        WriteString(s, 1, name);
        WriteMessage(s, 2, type =>                          // TypeProto
            WriteMessage(type, 1, tensor =>                 //   tensor_type
            {
                tensor.WriteTag(1, WireFormat.WireType.Varint); tensor.WriteInt32(FloatType); // elem_type
                WriteMessage(tensor, 2, shape =>            //   shape
                {
                    foreach (long d in dims)
                        WriteMessage(shape, 1, dim => { dim.WriteTag(1, WireFormat.WireType.Varint); dim.WriteInt64(d); });
                });
            }));
    }

    static void WriteString(CodedOutputStream s, int field, string value)
    {
        s.WriteTag(field, WireFormat.WireType.LengthDelimited);
        s.WriteString(value);
    }

    /// <summary>A length-delimited sub-message: written to its own buffer first, since protobuf puts the length before it.</summary>
    static void WriteMessage(CodedOutputStream s, int field, Action<CodedOutputStream> body)
    {
        s.WriteTag(field, WireFormat.WireType.LengthDelimited);
        s.WriteBytes(ByteString.CopyFrom(Message(body)));
    }

    static byte[] Message(Action<CodedOutputStream> body)
    {
        using var ms = new MemoryStream();
        using (var cos = new CodedOutputStream(ms, leaveOpen: true)) { body(cos); cos.Flush(); }
        return ms.ToArray();
    }
}
