namespace RnnParity.Layers.Graph;

/// <summary>Orders the nodes that produce some outputs so that every node comes after its inputs.</summary>
internal static class Topology
{
    /// <returns>Nodes inputs-first, and each node's Keras depth (0 at the outputs, max over consumers + 1).</returns>
    public static (List<Node> Nodes, Dictionary<Node, int> Depth) Order(IReadOnlyList<KerasTensor> outputs)
    {
        var depth = new Dictionary<Node, int>();
        var creation = new Dictionary<Node, int>();
        var stack = new Stack<(Node Node, int Depth)>();
        foreach (var o in outputs) stack.Push((o.Node, 0));
        int guard = 0;
        while (stack.Count > 0)
        {
            var (node, d) = stack.Pop();
            if (++guard > 1_000_000) throw new InvalidOperationException("the layer graph has a cycle.");
            if (depth.TryGetValue(node, out int known) && known >= d) continue;
            depth[node] = d;
            creation.TryAdd(node, creation.Count);
            foreach (var input in node.Inputs) stack.Push((input.Node, d + 1));
        }
        var ordered = depth.Keys.OrderByDescending(n => depth[n]).ThenBy(n => creation[n]).ToList();
        return (ordered, depth);
    }
}
