using Appliance.Web.Modules.Domains.Services;

namespace Appliance.Web.Modules.Domains;

/// <summary>Loads the signer's snapshot at start (after the database initializer has migrated the module).</summary>
public sealed class DomainSnapshotLoader(DomainKeySnapshot snapshot) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => snapshot.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
