namespace Appliance.Architecture.Tests;

/// <summary>
/// The whole rule (NetArchTest's dependency reading, grouping, cycle finding) over this assembly's fixture
/// namespaces: the cyclic pair is reported, the layered ones are not.
/// </summary>
public sealed class NamespaceGraphTests
{
    private const string Root = "Appliance.Architecture.Tests.Fixtures";

    [Fact]
    public void A_cycle_between_two_namespaces_in_an_assembly_is_found()
    {
        var graph = NamespaceGraph.Build(typeof(NamespaceGraphTests).Assembly, Root, 1);
        var cycle = Assert.Single(CycleFinder.Find(graph.Edges));
        Assert.Equal([$"{Root}.Alpha", $"{Root}.Beta"], cycle);
        Assert.Contains($"{Root}.Alpha.AlphaUser", graph.Evidence[($"{Root}.Alpha", $"{Root}.Beta")]);
    }

    [Fact]
    public void A_one_way_dependency_is_an_edge_but_no_cycle()
    {
        var graph = NamespaceGraph.Build(typeof(NamespaceGraphTests).Assembly, Root, 1);
        Assert.Equal([$"{Root}.Alpha"], graph.Edges[$"{Root}.Layered"]);
        Assert.Empty(graph.Edges[$"{Root}.Leaf"]);
        Assert.DoesNotContain(CycleFinder.Find(graph.Edges), c => c.Contains($"{Root}.Layered"));
    }

    [Fact]
    public void Deeper_namespaces_fold_into_their_group()
    {
        var graph = NamespaceGraph.Build(typeof(NamespaceGraphTests).Assembly, Root, 1);
        // Leaf.Inner uses Leaf: the same group, so no edge and no cycle.
        Assert.DoesNotContain($"{Root}.Leaf.Inner", graph.Edges.Keys);
        Assert.Contains($"{Root}.Leaf", graph.Edges[$"{Root}.Beta"]);
    }
}
