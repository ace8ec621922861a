using System.Buffers;
using System.Globalization;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Microsoft.Extensions.Options;
using Appliance.Web.Services;

namespace Appliance.Web.Modules.Webhooks.Alerts;

/// <summary>
/// Mails the pending alerts as one plain-text digest to <see cref="AlertDigestOptions.DigestTo"/>, through the
/// appliance's own queue (<see cref="IMessageSink"/>, like DSNs and TLS reports). Alerts are forgotten only once the
/// queue accepted the mail; a refusal keeps them for the next run.
/// </summary>
public sealed partial class AlertDigestSender(
    AlertDigestCollector collector,
    IMessageSink sink,
    IOptions<AlertDigestOptions> options,
    IOptions<MtaOptions> mta,
    TimeProvider time,
    ILogger<AlertDigestSender> logger)
{
    /// <summary>Sends a digest when alerts are pending; returns how many alerts it covered (0: nothing sent).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return 0;
        var alerts = collector.Pending();
        if (alerts.Count == 0) return 0;
        var host = mta.Value.Hostname;
        var from = string.IsNullOrWhiteSpace(o.DigestFrom) ? "appliance-alerts@" + host : o.DigestFrom.Trim();
        var to = o.DigestTo!.Trim();
        var now = time.GetUtcNow();
        var bytes = Compose(alerts, Math.Max(1, o.MaxAlertsPerDigest), from, to, host, now);
        var envelope = new MessageEnvelope
        {
            MailFrom = from,
            Recipients = [new EnvelopeRecipient(to)],
            TenantId = mta.Value.DefaultTenant,
            ReceivedAt = now,
            ClientAddress = "127.0.0.1",
            AuthUser = "system:alert-digest",
            SystemGenerated = true,
        };
        var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), ct);
        if (!reply.IsPositive)
        {
            LogRefused(logger, to, reply.ToString());
            return 0;
        }
        collector.Remove(alerts.Count);
        LogSent(logger, alerts.Count, to);
        return alerts.Count;
    }

    /// <summary>The digest as an RFC 5322 message (CRLF), marked Auto-Submitted (RFC 3834 §5) so nobody auto-replies.</summary>
    public static byte[] Compose(IReadOnlyList<MtaEvent> alerts, int max, string from, string to, string host, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{alerts.Count} alert(s) on {host} since {alerts[0].Timestamp:u}:\r\n\r\n");
        foreach (var a in alerts.Take(max))
            text.Append(CultureInfo.InvariantCulture, $"{a.Timestamp:u}  {(a.Tenant is null ? "(system)" : "tenant " + a.Tenant)}  {a.Detail ?? a.Response ?? "(no detail)"}\r\n");
        if (alerts.Count > max) text.Append(CultureInfo.InvariantCulture, $"\r\n... and {alerts.Count - max} more (see the event log, type Alert).\r\n");
        return SystemMail.Compose(from, to, SystemMail.Subject(host, string.Create(CultureInfo.InvariantCulture, $"{alerts.Count} alert(s)")), text.ToString(), host, now);
    }

    [LoggerMessage(3701, LogLevel.Information, "Alert digest with {Count} alert(s) queued for {To}")]
    private static partial void LogSent(ILogger logger, int count, string to);

    [LoggerMessage(3702, LogLevel.Warning, "Alert digest for {To} refused by the queue: {Reply}; retried at the next run")]
    private static partial void LogRefused(ILogger logger, string to, string reply);
}
