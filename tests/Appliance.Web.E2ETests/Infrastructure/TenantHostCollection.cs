namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>One published tenant host (<see cref="TenantHost"/>) shared by the tenant-user, tenant-view and inspection tests.</summary>
[CollectionDefinition(Name)]
public sealed class TenantHostCollection : ICollectionFixture<TenantHost>
{
    public const string Name = "tenant-host";
}
