using Appliance.Mta.Reception;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Inbound;

/// <summary>Reception step 250: adds the signed X-Appliance-Id trace header to relayed mail (not to inbound mail or DSNs).</summary>
public sealed class TraceHeaderFilter(TraceHeaderCodec codec) : IReceptionFilter
{
    /// <summary>Runs at step 250, after suppression dropping (200) and before the unsubscribe header (300).</summary>
    public int Order => 250;

    /// <summary>
    /// Inserts the trace header after the trace block of relayed mail; inbound mail and DSNs pass unchanged. Never
    /// refuses a message.
    /// </summary>
    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        if (!env.Inbound && !env.IsDsn)
            MessageHeaderBlock.InsertAfterTrace(message, $"{TraceHeaderCodec.HeaderName}: {codec.Encode(env.TenantId, env.ReceivedAt)}\r\n");
        return ValueTask.FromResult(ReceptionVerdict.Continue);
    }
}
