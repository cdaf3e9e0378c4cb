namespace RnnParity.Core.Tensors;

/// <summary>A named weight with a fixed shape, as Keras's <c>Variable</c> (<c>kernel</c>, <c>bias</c>, ...).</summary>
public sealed class Variable
{
    public Variable(string name, int[] shape, bool trainable = true)
    {
        Name = name;
        Shape = shape;
        Data = new float[ShapeUtil.Size(shape)];
        Trainable = trainable;
    }

    public string Name { get; }

    public int[] Shape { get; }

    /// <summary>Row-major values; shape and length never change, only the contents.</summary>
    public float[] Data { get; }

    public bool Trainable { get; }

    public long Count => Data.Length;

    /// <summary>Copies new values in, refusing a shape that is not this variable's.</summary>
    public void Assign(ReadOnlySpan<int> shape, ReadOnlySpan<float> values)
    {
        if (!shape.SequenceEqual(Shape))
            throw new ArgumentException($"weight '{Name}' has shape {ShapeUtil.Format(Shape)}, got {ShapeUtil.Format(shape)}.");
        values.CopyTo(Data);
    }

    public override string ToString() => $"{Name}{ShapeUtil.Format(Shape)}";
}
