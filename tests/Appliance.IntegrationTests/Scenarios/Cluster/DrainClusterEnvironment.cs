using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// The three-node cluster with node C holding deferred mail: its first retry waits 10 minutes (and nothing expires
/// within the hour), so what C deferred once stays queued there until the drain hands it over.
/// </summary>
public sealed class DrainClusterEnvironment : ClusterEnvironment
{
    protected override IEnumerable<string> NodeArguments(int index) => index == 2 // node C
        ? ["--Appliance:Delivery:RetryInterval=00:10:00", "--Appliance:Delivery:MaxRetryInterval=00:10:00", "--Appliance:Delivery:MaxAge=01:00:00"]
        : [];
}
