using Appliance.Mta.Reception;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Reception step 300 (before DKIM signing at 900, so the signature covers the fields, RFC 8058 §4): for tenants
/// with one-click unsubscribe enabled, marketing-stream messages with one recipient get
/// "List-Unsubscribe: &lt;https://…/unsubscribe/TOKEN&gt;, &lt;mailto:…&gt;" (RFC 2369 §3.2) and
/// "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (RFC 8058 §3.1). The token names the tenant and recipient,
/// so a message to several recipients (one shared body) gets no header; messages that already carry one keep it.
/// </summary>
public sealed class UnsubscribeHeaderFilter(UnsubscribeTokenCodec tokens, ITenantFeedbackSettingsSource settings, IOptions<SuppressionOptions> options) : IReceptionFilter
{
    /// <summary>
    /// The stream whose messages get unsubscribe headers (<see cref="Egress.EgressStreams.Marketing"/>).
    /// </summary>
    public const string MarketingStream = "marketing";
    /// <summary>Local part of the mailto: unsubscribe address at the tenant's return-path domain.</summary>
    public const string MailtoLocalPart = "unsubscribe";

    /// <summary>
    /// Runs at step 300: after the trace header (250) and before DKIM signing (900), so the signature covers the new
    /// fields.
    /// </summary>
    public int Order => 300;

    /// <summary>
    /// Adds List-Unsubscribe and List-Unsubscribe-Post to a qualifying message (see the class); every other message
    /// passes unchanged. Never refuses a message.
    /// </summary>
    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        var baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');
        if (env.Inbound || env.IsDsn || env.Recipients.Count != 1 || baseUrl is null
            || !string.Equals(env.Stream, MarketingStream, StringComparison.OrdinalIgnoreCase)) return ValueTask.FromResult(ReceptionVerdict.Continue);
        var tenant = settings.For(env.TenantId);
        if (!tenant.OneClickUnsubscribe || MessageHeaderBlock.HasField(message.Content, "List-Unsubscribe")) return ValueTask.FromResult(ReceptionVerdict.Continue);
        var token = tokens.Encode(new UnsubscribeToken(env.TenantId, env.Recipients[0].Address));
        var uris = $"<{baseUrl}/unsubscribe/{token}>";
        if (tenant.ReturnPathDomain is { } domain) uris += $",\r\n <mailto:{MailtoLocalPart}@{domain}?subject={token}>";
        MessageHeaderBlock.InsertAfterTrace(message,
            $"List-Unsubscribe: {uris}\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        return ValueTask.FromResult(ReceptionVerdict.Continue);
    }
}
