using RnnParity.Core.Tensors;

namespace RnnParity.KerasConfig.Files;

/// <summary>
/// Weight values read from a file, assigned to the model only once every one of them was found and
/// checked: a file refused half-way leaves the model's weights as they were.
/// </summary>
internal sealed class PendingWeights
{
    readonly List<(Variable Target, float[] Values)> _items = [];

    public void Add(Variable target, float[] values) => _items.Add((target, values));

    public int Count => _items.Count;

    public void Apply()
    {
        foreach (var (target, values) in _items) target.Assign(target.Shape, values);
    }
}
