using Appliance.Mta.Hosting;

namespace Appliance.Architecture.Tests;

/// <summary>
/// docs/architecture.md stays true: every repository path it names exists, and its folder table ("Folders: what each
/// owns and may call") has a row for every engine subsystem whose "May call" column allows each dependency the engine
/// really has (<see cref="NamespaceGraph"/> over <see cref="EngineSubsystems"/>, the graph the no-cycle rule uses).
/// </summary>
public sealed class ArchitectureDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));

    [Fact]
    public void Every_path_the_document_names_exists()
    {
        var paths = ArchitectureDocument.Paths(Document);
        Assert.Contains("src/Appliance.Mta/Queue/RetrySchedule.cs", paths);
        Assert.Empty(ArchitectureDocument.MissingPaths(paths, RepositoryRoot.Path));
    }

    [Fact]
    public void A_missing_path_is_reported()
    {
        var paths = ArchitectureDocument.Paths("See `src/Appliance.Mta/Queue/RetrySchedule.cs`, `src/Appliance.Mta/NoSuchFolder/Gone.cs` and `src/Appliance.Web/Modules/<Name>`.");
        Assert.Equal(["src/Appliance.Mta/NoSuchFolder/Gone.cs"], ArchitectureDocument.MissingPaths(paths, RepositoryRoot.Path));
    }

    [Fact]
    public void The_folder_table_allows_every_real_engine_dependency()
    {
        var table = ArchitectureDocument.FolderTable(Document);
        var graph = NamespaceGraph.Build(typeof(MtaServiceCollectionExtensions).Assembly, EngineSubsystems.Of);
        Assert.Contains("Appliance.Mta.Delivery", table.Keys);
        Assert.Empty(ArchitectureDocument.Undocumented(table, graph.Edges));
    }

    [Fact]
    public void A_dependency_or_subsystem_missing_from_the_table_is_reported()
    {
        var table = ArchitectureDocument.FolderTable("""
            ### Folders: what each owns and may call

            | Folder | Owns | May call |
            |---|---|---|
            | `src/Appliance.Mta/Smtp` | Wire types. | nothing |
            | `src/Appliance.Mta/Smtp/Client` | The client. | `Smtp` |
            | `src/Appliance.Mta/Hosting` | Composition. | any engine folder |

            ### Next section
            """);
        var edges = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Appliance.Mta.Smtp"] = new HashSet<string>(),
            ["Appliance.Mta.Smtp.Client"] = new HashSet<string> { "Appliance.Mta.Smtp", "Appliance.Mta.Configuration" },
            ["Appliance.Mta.Hosting"] = new HashSet<string> { "Appliance.Mta.Smtp", "Appliance.Mta.Queue" },
            ["Appliance.Mta.Queue"] = new HashSet<string> { "Appliance.Mta.Smtp" },
        };
        Assert.Equal(
            ["Appliance.Mta.Queue has no row in the folder table", "Appliance.Mta.Smtp.Client -> Appliance.Mta.Configuration is not in its \"May call\" column"],
            ArchitectureDocument.Undocumented(table, edges));
    }
}
