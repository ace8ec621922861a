using System.Reflection;
using NetArchTest.Rules;

namespace Appliance.Architecture.Tests;

/// <summary>
/// The namespace dependency graph of an assembly, at a chosen granularity: a grouping maps each namespace to the unit
/// it belongs to (<see cref="GroupOf"/>: the first <c>depth</c> segments below a root; <see cref="EngineSubsystems"/>
/// for the engine). Dependencies come from NetArchTest (Mono.Cecil over the IL: fields, signatures, base types,
/// attributes, method bodies).
/// </summary>
public sealed class NamespaceGraph
{
    private NamespaceGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> edges, IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> evidence)
    {
        Edges = edges;
        Evidence = evidence;
    }

    /// <summary>Namespace group → the groups its types depend on (never itself).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges { get; }

    /// <summary>For each edge, the depending types (full names), to say where a cycle comes from.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Evidence { get; }

    /// <summary>The group of <paramref name="ns"/>, or null when it lies outside <paramref name="root"/>.</summary>
    public static string? GroupOf(string? ns, string root, int depth)
    {
        if (ns is null) return null;
        if (ns == root) return root;
        if (!ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        var segments = ns[(root.Length + 1)..].Split('.');
        return root + "." + string.Join('.', segments.Take(depth));
    }

    public static NamespaceGraph Build(Assembly assembly, string root, int depth) => Build(assembly, ns => GroupOf(ns, root, depth));

    public static NamespaceGraph Build(Assembly assembly, Func<string?, string?> groupOf)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        var all = Types.InAssembly(assembly);
        var byGroup = all.GetTypes()
            .Where(t => !t.IsNested)
            .Select(t => (Type: t, Group: groupOf(t.Namespace)))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Type.FullName!).ToArray(), StringComparer.Ordinal);
        var edges = byGroup.Keys.ToDictionary(k => k, _ => (IReadOnlySet<string>)new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var evidence = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var (target, names) in byGroup)
        {
            // Every type (nested ones included) that uses a type of the target group.
            var users = all.That().HaveDependencyOnAny(names).GetTypes();
            foreach (var bySource in users.GroupBy(t => groupOf(t.Namespace)))
            {
                if (bySource.Key is not { } source || source == target) continue;
                ((SortedSet<string>)edges[source]).Add(target);
                evidence[(source, target)] = bySource.Select(t => t.FullName ?? t.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            }
        }
        return new NamespaceGraph(edges, evidence);
    }
}
