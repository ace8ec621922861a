using Appliance.Mta.Dns;
using Appliance.Mta.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Mta.Hosting;

/// <summary>Composition root of the engine. The host binds <see cref="Configuration.MtaOptions"/> and registers
/// <see cref="Security.ISmtpCredentialStore"/>, <see cref="IRouteTable"/> and <see cref="Security.ITenantDirectory"/>.</summary>
public static class MtaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: spool, queues, delivery, SMTP listeners, event log, and a hosted service that
    /// starts them. Exposes <see cref="Admin.IQueueAdmin"/>, <see cref="Admin.IMtaStatus"/> and
    /// <see cref="IMessageSink"/> (for HTTP injection) to the host.
    /// </summary>
    public static IServiceCollection AddMtaEngine(this IServiceCollection services)
    {
        MtaEngineServices.Register(services);
        return services;
    }
}
