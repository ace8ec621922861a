using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Appliance.Web.Data.Modules;

/// <summary>
/// Base of a feature module's own context over the same appliance.db (domains, suppressions, webhooks, ...).
/// Each module owns its tables, its entity configurations (those in the derived context's namespace and below)
/// and its migrations, recorded in its own history table, so modules evolve their schema independently.
/// Cross-module references (a tenant id) are plain columns, not foreign keys.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var ns = GetType().Namespace!;
        bool InModule(Type t) => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));
        // A module whose entities are all configured by attributes has no configuration types: scanning would only
        // log EF's "no IEntityTypeConfiguration found" warning on every start.
        if (!GetType().Assembly.GetTypes().Any(t => InModule(t) && !t.IsAbstract && t.GetInterfaces().Any(IsEntityTypeConfiguration))) return;
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, InModule);
    }

    private static bool IsEntityTypeConfiguration(Type i) =>
        i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // As in ApplianceDbContext: a sortable 64-bit integer, because SQLite cannot order DateTimeOffset text.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
