namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A scenario on <see cref="ClusterEnvironment"/>: skips, with the reason, when a peer is missing, when Debian's
/// redis-server is not installed, or when no PostgreSQL server is named (APPLIANCE_TEST_POSTGRES, exported by .ci/run).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterFactAttribute : FactAttribute
{
    /// <summary>Declares the peers the scenario needs besides Redis and PostgreSQL.</summary>
    public ClusterFactAttribute(Tool requires)
    {
        Skip = ToolPaths.MissingReason(requires) ?? RedisServer.MissingReason ?? ClusterEnvironment.PostgresMissingReason;
    }
}
