using Appliance.Mta.Admin;
using Appliance.Mta.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>The host with the engine's queue admin and message sink replaced by recording fakes (one per test class).</summary>
public sealed class FakeEngineFactory : ApplianceFactory
{
    public FakeEngineFactory()
    {
        ConfigureServicesForTest = s =>
        {
            s.AddSingleton<IQueueAdmin>(QueueAdmin);
            s.AddSingleton<IMessageSink>(Sink);
        };
    }

    public FakeQueueAdmin QueueAdmin { get; } = new();

    public FakeMessageSink Sink { get; } = new();

    /// <summary>Forgets what earlier tests recorded (xunit runs the tests of one class one after another).</summary>
    public void Reset()
    {
        lock (QueueAdmin.Calls) QueueAdmin.Calls.Clear();
        QueueAdmin.Scheduled.Clear();
        Sink.Accepted.Clear();
        Sink.Reply = FakeMessageSink.Accepted250;
    }
}
