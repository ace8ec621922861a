using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>
/// A feature module's part of the <see cref="ApplianceDbContext"/> model. By default it applies every
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in the module's namespace and below (the namespace of the derived
/// class), so a module keeps its entities and configurations in its own folder. Cross-module references (a tenant id)
/// are plain columns, not foreign keys.
/// </summary>
public abstract class ModuleModel
{
    public virtual void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var ns = GetType().Namespace!;
        bool InModule(Type t) => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, InModule);
    }
}
