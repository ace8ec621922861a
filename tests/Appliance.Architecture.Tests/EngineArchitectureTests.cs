using System.Text;
using Appliance.Mta.Hosting;
using NetArchTest.Rules;

namespace Appliance.Architecture.Tests;

/// <summary>
/// The engine's dependency rules (docs/architecture.md, "Engine dependency rules"): the subsystems of
/// <c>Appliance.Mta</c> (<see cref="EngineSubsystems"/>) form no cycle; the engine references neither ASP.NET Core,
/// EF Core nor Quartz; the neutral message types depend only on the SMTP wire types.
/// </summary>
public sealed class EngineArchitectureTests
{
    private const string Root = EngineSubsystems.Root;

    private static readonly System.Reflection.Assembly Engine = typeof(MtaServiceCollectionExtensions).Assembly;

    [Fact]
    public void Engine_namespaces_form_no_cycle()
    {
        var graph = NamespaceGraph.Build(Engine, EngineSubsystems.Of);
        var cycles = CycleFinder.Find(graph.Edges);
        Assert.True(cycles.Count == 0, Describe(graph, cycles));
    }

    [Fact]
    public void The_graph_sees_the_engine_s_real_dependencies()
    {
        // Guards the rule above against a graph that is empty because nothing was found.
        var graph = NamespaceGraph.Build(Engine, EngineSubsystems.Of);
        Assert.Contains("Appliance.Mta.Queue", graph.Edges["Appliance.Mta.Delivery"]);
        Assert.Contains("Appliance.Mta.Smtp", graph.Edges["Appliance.Mta.Smtp.Server"]);
        Assert.Contains("Appliance.Mta.Messages", graph.Edges["Appliance.Mta.Reception"]);
        Assert.DoesNotContain(graph.Edges.Keys, k => k.StartsWith("Appliance.Mta.Queue.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Quartz")]
    [InlineData("StackExchange.Redis")]
    public void Engine_does_not_reference_host_frameworks(string forbidden)
    {
        var result = Types.InAssembly(Engine).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"Engine types depending on {forbidden}: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(Engine.GetReferencedAssemblies(), a => a.Name!.StartsWith(forbidden, StringComparison.Ordinal));
    }

    [Fact]
    public void Message_types_depend_only_on_smtp_wire_types()
    {
        var graph = NamespaceGraph.Build(Engine, EngineSubsystems.Of);
        Assert.Equal(["Appliance.Mta.Smtp"], graph.Edges["Appliance.Mta.Messages"]);
        Assert.Empty(graph.Edges["Appliance.Mta.Smtp"]);
    }

    private static string Describe(NamespaceGraph graph, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder($"{cycles.Count} namespace cycle(s) in {Root}:");
        foreach (var cycle in cycles)
        {
            text.Append("\n- ").AppendJoin(" <-> ", cycle);
            foreach (var from in cycle)
                foreach (var to in graph.Edges[from].Where(cycle.Contains))
                    text.Append("\n    ").Append(from).Append(" -> ").Append(to).Append(": ").AppendJoin(", ", graph.Evidence[(from, to)].Take(6));
        }
        return text.ToString();
    }
}
