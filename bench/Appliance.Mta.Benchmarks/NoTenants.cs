using Appliance.Mta.Events;
using Appliance.Mta.Security;

namespace Appliance.Mta.Benchmarks;

internal sealed class NoTenants : ITenantDirectory, IEventSink
{
    public bool DsnEnabled(string tenantId) => true;

    public void Write(MtaEvent e) { }
}
