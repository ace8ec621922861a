using Appliance.Mta.Reception;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>Reception step 250: adds the signed X-Appliance-Id trace header to relayed mail (not to inbound mail or DSNs).</summary>
public sealed class TraceHeaderFilter(TraceHeaderCodec codec) : IReceptionFilter
{
    public int Order => 250;

    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        if (!env.Inbound && !env.IsDsn)
            MessageHeaderBlock.InsertAfterTrace(message, $"{TraceHeaderCodec.HeaderName}: {codec.Encode(env.TenantId, env.ReceivedAt)}\r\n");
        return ValueTask.FromResult(ReceptionVerdict.Continue);
    }
}
