namespace Appliance.Web.Data.Modules;

/// <summary>Applies one module context's migrations (run by the database initializer, in registration order).</summary>
public interface IModuleMigrator
{
    string Module { get; }

    Task MigrateAsync(CancellationToken cancellationToken);
}
