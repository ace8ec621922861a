namespace Appliance.Architecture.Tests;

/// <summary>The cycle detector over small synthetic graphs: a cycle introduced anywhere makes the rule fail.</summary>
public sealed class CycleFinderTests
{
    private static Dictionary<string, IReadOnlySet<string>> Graph(params (string From, string To)[] edges)
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (from, to) in edges)
        {
            if (!graph.ContainsKey(to)) graph[to] = new HashSet<string>();
            if (!graph.TryGetValue(from, out var set)) graph[from] = set = new HashSet<string>();
            ((HashSet<string>)set).Add(to);
        }
        return graph;
    }

    [Fact]
    public void A_layered_graph_has_no_cycle()
    {
        var graph = Graph(("Smtp.Server", "Messages"), ("Queue", "Messages"), ("Delivery", "Queue"), ("Delivery", "Smtp.Client"), ("Messages", "Smtp"));
        Assert.Empty(CycleFinder.Find(graph));
    }

    [Fact]
    public void Two_namespaces_using_each_other_are_a_cycle()
    {
        var graph = Graph(("Queue", "Delivery"), ("Delivery", "Queue"), ("Delivery", "Smtp"));
        var cycle = Assert.Single(CycleFinder.Find(graph));
        Assert.Equal(["Delivery", "Queue"], cycle);
    }

    [Fact]
    public void A_long_cycle_through_a_layered_graph_is_found_whole()
    {
        var graph = Graph(("A", "B"), ("B", "C"), ("C", "D"), ("D", "B"), ("A", "E"), ("E", "F"));
        Assert.Equal(["B", "C", "D"], Assert.Single(CycleFinder.Find(graph)));
    }

    [Fact]
    public void Separate_cycles_are_reported_separately()
    {
        var graph = Graph(("Dns", "Delivery"), ("Delivery", "Dns"), ("Queue", "Bounces"), ("Bounces", "Queue"), ("Queue", "Dns"));
        Assert.Equal([["Bounces", "Queue"], ["Delivery", "Dns"]], CycleFinder.Find(graph));
    }

    [Fact]
    public void A_namespace_using_itself_is_not_a_cycle()
    {
        Assert.Empty(CycleFinder.Find(Graph(("Queue", "Queue"), ("Queue", "Smtp"))));
    }

    [Theory]
    [InlineData("Appliance.Mta.Smtp.Server.Data", "Appliance.Mta.Smtp.Server")]
    [InlineData("Appliance.Mta.Queue.Spool", "Appliance.Mta.Queue.Spool")]
    [InlineData("Appliance.Mta.Queue", "Appliance.Mta.Queue")]
    [InlineData("Appliance.Mta", "Appliance.Mta")]
    [InlineData("Appliance.MtaX.Queue", null)]
    [InlineData("System.Text", null)]
    public void Namespaces_are_grouped_two_segments_below_the_root(string ns, string? group) =>
        Assert.Equal(group, NamespaceGraph.GroupOf(ns, "Appliance.Mta", 2));

    [Theory]
    [InlineData("Appliance.Mta.Queue.Spool", "Appliance.Mta.Queue")]
    [InlineData("Appliance.Mta.Delivery.MtaSts", "Appliance.Mta.Delivery")]
    [InlineData("Appliance.Mta.Smtp", "Appliance.Mta.Smtp")]
    [InlineData("Appliance.Mta.Smtp.Server.Protocol", "Appliance.Mta.Smtp.Server")]
    [InlineData("Appliance.Mta.Smtp.Client", "Appliance.Mta.Smtp.Client")]
    [InlineData("Appliance.Web.Api", null)]
    public void Engine_subsystems_are_the_first_segment_and_smtp_is_three(string ns, string? subsystem) =>
        Assert.Equal(subsystem, EngineSubsystems.Of(ns));
}
