namespace RnnParity.Core.Activations;

/// <summary>
/// A Keras activation by its Keras name. <see cref="Apply"/> works in place on one row of the
/// last axis, which is what element-wise functions need and what softmax(axis=-1) needs.
/// </summary>
public abstract class Activation
{
    protected Activation(string name) => Name = name;

    /// <summary>The name Keras serialises (<c>"tanh"</c>, <c>"hard_sigmoid"</c>, ...).</summary>
    public string Name { get; }

    /// <summary>True when the function treats every element alone, so a row may be any slice.</summary>
    public virtual bool IsElementwise => true;

    /// <summary>False for an activation whose output row is not as long as its input row (glu halves it):
    /// a layer must then compute its output shape with it, or refuse it.</summary>
    public virtual bool PreservesShape => true;

    public abstract void Apply(Span<float> row);

    /// <summary>Applies to every consecutive row of <paramref name="rowLength"/> elements.</summary>
    public void ApplyRows(Span<float> values, int rowLength)
    {
        if (IsElementwise) { Apply(values); return; }
        for (int i = 0; i + rowLength <= values.Length; i += rowLength) Apply(values.Slice(i, rowLength));
    }

    public override string ToString() => Name;
}
