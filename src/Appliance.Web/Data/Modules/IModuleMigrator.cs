namespace Appliance.Web.Data.Modules;

/// <summary>Applies one module context's migrations (run by the database initializer, in registration order).</summary>
public interface IModuleMigrator
{
    /// <summary>The name of the module whose migrations this applies.</summary>
    string Module { get; }

    /// <summary>Applies the module's pending migrations; an exception stops the start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}
