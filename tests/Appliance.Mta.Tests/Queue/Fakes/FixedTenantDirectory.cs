using Appliance.Mta.Security;

namespace Appliance.Mta.Tests.Queue.Fakes;

internal sealed class FixedTenantDirectory(params string[] dsnDisabled) : ITenantDirectory
{
    public bool DsnEnabled(string tenantId) => !dsnDisabled.Contains(tenantId);
}
