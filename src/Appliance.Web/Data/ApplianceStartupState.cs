namespace Appliance.Web.Data;

/// <summary>Set once the database is migrated, bootstrapped and the engine snapshots are loaded (part of /healthz).</summary>
public sealed class ApplianceStartupState
{
    private volatile bool _databaseReady;

    public bool DatabaseReady => _databaseReady;

    public void MarkDatabaseReady() => _databaseReady = true;
}
