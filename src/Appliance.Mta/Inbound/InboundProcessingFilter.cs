using System.Buffers;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Bounces.Parsing;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp;
using Appliance.Mta.Suppression;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Appliance.Mta.Inbound;

/// <summary>
/// Reception step 100, for inbound mail only (addresses <see cref="InboundAddressPolicy"/> accepted): an ARF report
/// (RFC 5965) becomes a Feedback event and a complaint suppression; a DSN (RFC 3464) or non-standard bounce an Oob
/// event per recipient (category and hard/soft from the classifier) and, when the classification says suppress, a
/// hard-bounce suppression; a mail to unsubscribe@ with a valid token an unsubscribe. Messages are matched to the
/// original by the VERP return path, else by the X-Appliance-Id trace header. Suppressions are written before the
/// 250; nothing is ever queued for relay.
/// </summary>
public sealed class InboundProcessingFilter(
    VerpCodec verp, TraceHeaderCodec trace, IOriginalMessageLookup lookup, BounceClassifier classifier, SuppressionList list,
    UnsubscribeRecorder unsubscribes, IEventSink events, TimeProvider time, ILogger<InboundProcessingFilter> logger) : IReceptionFilter
{
    private static readonly SmtpReply Processed = new(250, "2.0.0", "Ok: report processed");

    /// <summary>
    /// Runs at step 100: after the disk guard (0) and the host's report mailboxes (90), before suppression dropping (200)
    /// and the trace header (250).
    /// </summary>
    public int Order => 100;

    /// <summary>
    /// Processes an inbound message (a report, bounce or unsubscribe) and answers 250 "report processed" without
    /// queuing it; relayed mail passes through unchanged (Continue).
    /// </summary>
    public async ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        if (!env.Inbound) return ReceptionVerdict.Continue;
        MimeMessage mime;
        try
        {
            using var stream = message.OpenRead(); // head then spill, read as a stream
            mime = MimeMessage.Load(stream, cancellationToken);
        }
        catch (FormatException ex)
        {
            InboundLog.NotMime(logger, env.ClientAddress, ex);
            return ReceptionVerdict.Stop(Processed);
        }
        var original = await FindOriginalAsync(env, cancellationToken).ConfigureAwait(false);
        var entries = new List<SuppressionEntry>();
        var pending = new List<MtaEvent>();
        if (env.Recipients.Any(r => ReportAddresses.IsUnsubscribeAddress(r.Address)))
        {
            await unsubscribes.RecordAsync(mime.Subject?.Trim(), "mailto", cancellationToken).ConfigureAwait(false);
            return ReceptionVerdict.Stop(Processed);
        }
        if (FeedbackReportParser.TryParse(mime) is { } feedback)
        {
            // RFC 5965 §3.2: Original-Mail-From is our return path, a VERP address when the tenant has one.
            if (original is null && feedback.OriginalMailFrom is { } rp && verp.TryDecode(rp.Trim('<', '>', ' ')) is { } token)
                original = await lookup.FindAsync(token, cancellationToken).ConfigureAwait(false);
            HandleFeedback(feedback, original, entries, pending);
        }
        else HandleBounce(BounceParser.TryParse(mime), original, env, entries, pending);
        // Durable before 250: a crash after this point re-delivers the report at worst, never loses it.
        await list.AddDurablyAsync(entries, cancellationToken).ConfigureAwait(false);
        foreach (var e in pending) events.Write(e);
        return ReceptionVerdict.Stop(Processed);
    }

    private async Task<OriginalRecipient?> FindOriginalAsync(MessageEnvelope env, CancellationToken ct)
    {
        foreach (var r in env.Recipients)
            if (verp.TryDecode(r.Address) is { } token) return await lookup.FindAsync(token, ct).ConfigureAwait(false);
        return null;
    }

    private void HandleFeedback(FeedbackReport report, OriginalRecipient? original, List<SuppressionEntry> entries, List<MtaEvent> pending)
    {
        var tenant = original?.TenantId ?? TenantFromTrace(report.OriginalHeaders);
        var recipient = original?.Recipient ?? report.OriginalRecipient ?? HeaderValue(report.OriginalHeaders, "To");
        var messageId = original?.MessageId;
        pending.Add(new MtaEvent
        {
            Type = MtaEventType.Feedback, Timestamp = time.GetUtcNow(), Tenant = tenant, Recipient = recipient, MessageId = messageId,
            MessageIdHeader = original?.MessageIdHeader ?? report.OriginalMessageId, Sender = original?.Sender ?? report.OriginalMailFrom,
            EgressSource = original?.EgressSource, Site = original?.Site, EgressIp = report.SourceIp ?? original?.EgressIp,
            Detail = ComplaintEvent.DetailPrefix + report.FeedbackType, RemoteHost = report.UserAgent,
        });
        // "not-spam" (RFC 6650 §4 registry) withdraws a complaint rather than making one.
        if (tenant is null || recipient is null || report.FeedbackType == ComplaintEvent.NotSpam) return;
        if (list.Create(recipient, SuppressionScope.Tenant, tenant, SuppressionReason.Complaint, nameof(MtaEventType.Feedback), messageId,
                ComplaintEvent.DetailPrefix + report.FeedbackType) is { } entry) entries.Add(entry);
    }

    private void HandleBounce(BounceReport? report, OriginalRecipient? original, MessageEnvelope env, List<SuppressionEntry> entries, List<MtaEvent> pending)
    {
        var tenant = original?.TenantId ?? (report is null ? null : TenantFromTrace(report.OriginalHeaders));
        var failed = report?.Recipients.Where(r => r.Action.Equals("failed", StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
        if (failed.Count == 0)
        {
            // A useless body: the VERP address alone still names message and recipient.
            if (original is not null) pending.Add(OobEvent(original.Recipient, original, null, null, null, null, env));
            return;
        }
        foreach (var r in failed)
        {
            // With VERP the return path names exactly one recipient; the report's address may be rewritten (aliases).
            var recipient = original?.Recipient ?? r.Address;
            var c = classifier.Classify(r);
            var response = r.Diagnostic ?? r.Status;
            pending.Add(OobEvent(recipient, original, tenant, r, c, response, env));
            if (tenant is not null && c.Hard && c.Action.Suppress
                && list.Create(recipient, SuppressionScope.Tenant, tenant, SuppressionReason.HardBounce, nameof(MtaEventType.Oob), original?.MessageId, response) is { } entry)
                entries.Add(entry);
            if (original is not null) break;
        }
    }

    private MtaEvent OobEvent(string recipient, OriginalRecipient? original, string? tenant, BouncedRecipient? r, BounceClassification? c, string? response, MessageEnvelope env) => new()
    {
        Type = MtaEventType.Oob, Timestamp = time.GetUtcNow(), Tenant = original?.TenantId ?? tenant, Recipient = recipient,
        MessageId = original?.MessageId, MessageIdHeader = original?.MessageIdHeader, Sender = original?.Sender,
        Code = r?.ReplyCode, EnhancedCode = r?.Status, Response = response, RemoteHost = env.ClientAddress,
        EgressSource = original?.EgressSource, EgressIp = original?.EgressIp, Site = original?.Site,
        Category = c?.Category ?? BounceCategory.Uncategorized, Hard = c?.Hard,
    };

    private string? TenantFromTrace(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        trace.TryDecode(HeaderValue(headers, TraceHeaderCodec.HeaderName))?.TenantId;

    private static string? HeaderValue(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        foreach (var (k, v) in headers) if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) return ExtractAddressOrValue(name, v);
        return null;
    }

    private static string ExtractAddressOrValue(string name, string value) =>
        name.Equals("To", StringComparison.OrdinalIgnoreCase) && MailboxAddress.TryParse(value, out var m) ? m.Address : value.Trim();
}
