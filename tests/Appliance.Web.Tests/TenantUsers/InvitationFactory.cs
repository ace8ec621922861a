using Appliance.Mta.Messages;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.TenantUsers;

/// <summary>The host with a recording message sink (the queue the invitation mails go through) and a public base URL.</summary>
public sealed class InvitationFactory : ApplianceFactory
{
    public const string PublicBase = "https://panel.example.test";

    public InvitationFactory() : base(null, new Dictionary<string, string?> { ["Appliance:Invitations:PublicBaseUrl"] = PublicBase })
    {
        ConfigureServicesForTest = s => s.AddSingleton<IMessageSink>(Sink);
    }

    public FakeMessageSink Sink { get; } = new();
}
