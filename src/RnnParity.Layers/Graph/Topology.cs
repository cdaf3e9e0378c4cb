namespace RnnParity.Layers.Graph;

/// <summary>The nodes and layers of a functional graph, ordered as Keras orders them.</summary>
internal sealed record GraphMap(List<Node> Nodes, Dictionary<Node, int> NodeDepth, List<Layer> Layers);

/// <summary>
/// Keras's <c>map_graph</c> (<c>keras/src/ops/function.py</c>): a depth-first walk from the outputs,
/// visiting each node's inputs in order, gives depths (0 at the outputs, parents deeper) and the
/// first-visit order; nodes run from the deepest, and <c>model.layers</c> is by decreasing depth,
/// then first-visit order. Matching it matters: the summary lists layers in that order.
/// </summary>
internal static class Topology
{
    public static GraphMap Map(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        var finished = new HashSet<Node>();
        var inProgress = new HashSet<Node>();
        var postOrder = new List<Node>();
        var firstVisit = new Dictionary<Layer, int>();

        void Visit(KerasTensor tensor)
        {
            Node node = tensor.Node;
            if (finished.Contains(node)) return;
            if (!inProgress.Add(node)) throw new ArgumentException($"tensor {tensor} is part of a cycle.");
            firstVisit.TryAdd(node.Layer, firstVisit.Count);
            foreach (var input in node.Inputs) Visit(input);
            inProgress.Remove(node);
            finished.Add(node);
            postOrder.Add(node);
        }

        foreach (var output in outputs) Visit(output);

        var nodeDepth = new Dictionary<Node, int>();
        var layerDepth = new Dictionary<Layer, int>();
        for (int i = postOrder.Count - 1; i >= 0; i--)
        {
            Node node = postOrder[i];
            int depth = nodeDepth.GetValueOrDefault(node, 0);
            // A layer called more than once sits at the depth of its deepest call.
            depth = Math.Max(depth, layerDepth.GetValueOrDefault(node.Layer, 0));
            layerDepth[node.Layer] = depth;
            nodeDepth[node] = depth;
            foreach (var input in node.Inputs)
                if (finished.Contains(input.Node))
                    nodeDepth[input.Node] = Math.Max(depth + 1, nodeDepth.GetValueOrDefault(input.Node, 0));
        }
        // Inputs no output depends on still belong to the model, first among equals.
        foreach (var input in inputs)
        {
            if (layerDepth.ContainsKey(input.Layer)) continue;
            layerDepth[input.Layer] = 0;
            firstVisit[input.Layer] = -1;
            nodeDepth[input.Node] = 0;
            postOrder.Insert(0, input.Node);
        }

        var index = postOrder.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var nodes = postOrder.OrderByDescending(n => nodeDepth[n]).ThenBy(n => index[n]).ToList();
        var layers = layerDepth.Keys.OrderByDescending(l => layerDepth[l]).ThenBy(l => firstVisit[l]).ToList();
        return new GraphMap(nodes, nodeDepth, layers);
    }
}
