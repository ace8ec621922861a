namespace Appliance.Architecture.Tests;

/// <summary>
/// Finds dependency cycles in a directed graph of names: every strongly connected component with more than one
/// node (Tarjan's algorithm). A node's edge to itself is not a cycle (a namespace may use its own types).
/// </summary>
public static class CycleFinder
{
    /// <summary>The cycles of <paramref name="edges"/> (node → nodes it depends on), each sorted, in a stable order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in edges.TryGetValue(node, out var targets) ? targets.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (target == node) continue;
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], index[target]);
                }
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            if (component.Count > 1) result.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return result.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }
}
