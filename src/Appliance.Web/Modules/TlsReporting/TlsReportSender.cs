using System.Buffers;
using System.Net.Http.Headers;
using Appliance.Mta.Configuration;
using Appliance.Mta.Delivery.MtaSts;
using Appliance.Mta.Dns;
using Appliance.Mta.Messages;
using Appliance.Web.Data;
using Appliance.Web.Modules.TlsReporting.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>
/// Sends the daily TLS reports (RFC 8460 §5): for every finished UTC day and policy domain with recorded outcomes
/// and no report yet, looks up the domain's _smtp._tls record and delivers the gzip report to each rua: mailto
/// through the appliance's own queue (<see cref="IMessageSink"/>, §5.3), https by POST (§5.2). A failed destination
/// is retried at the next run; a domain without a record is noted once and skipped.
/// </summary>
public sealed partial class TlsReportSender(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IDnsResolver dns,
    IMessageSink sink,
    IHttpClientFactory http,
    IOptions<TlsReportingOptions> options,
    IOptions<MtaOptions> mta,
    TimeProvider time,
    ILogger<TlsReportSender> logger)
{
    public const string ClientName = "tlsrpt";

    private TlsReportingOptions O => options.Value;

    private string Submitter => O.SubmitterDomain ?? mta.Value.Hostname;

    /// <summary>Sends every due report; returns how many destinations got one.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (!O.Enabled) return 0;
        var now = time.GetUtcNow();
        var today = TlsOutcomeRecorder.Day(now);
        var oldest = TlsOutcomeRecorder.Day(now.AddDays(-O.MaxReportAgeDays));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.Outcomes.Where(o => string.Compare(o.Day, today) < 0 && string.Compare(o.Day, oldest) >= 0)
            .Select(o => new { o.Day, o.PolicyDomain }).Distinct().ToListAsync(ct);
        var sent = 0;
        foreach (var item in pending.OrderBy(p => p.Day, StringComparer.Ordinal).ThenBy(p => p.PolicyDomain, StringComparer.Ordinal))
        {
            var done = await db.TlsReportDeliveries.Where(d => d.Day == item.Day && d.PolicyDomain == item.PolicyDomain).ToListAsync(ct);
            if (done.Any(d => d.Outcome == TlsReportDelivery.NoRecord)) continue;
            sent += await SendAsync(db, item.Day, item.PolicyDomain, done, now, ct);
        }
        return sent;
    }

    private async Task<int> SendAsync(ApplianceDbContext db, string day, string domain, List<TlsReportDelivery> done, DateTimeOffset now, CancellationToken ct)
    {
        var txt = await dns.ResolveTxtAsync(TlsRptRecord.NameFor(domain), ct);
        if (txt.IsTransient) return 0; // ask again at the next run
        var record = TlsRptRecord.FromTxt(txt.Records);
        var outcomes = await db.Outcomes.Where(o => o.Day == day && o.PolicyDomain == domain).ToListAsync(ct);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Day == day && p.PolicyDomain == domain, ct);
        var tlsaKey = TlsOutcomeRecorder.TlsaSnapshotKey(domain);
        var tlsa = await db.Policies.FirstOrDefaultAsync(p => p.Day == day && p.PolicyDomain == tlsaKey, ct);
        var report = TlsReportBuilder.Build(day, domain, outcomes, policy, O.OrganizationName ?? Submitter, O.ContactInfo ?? "postmaster@" + Submitter, Submitter, tlsa);
        if (record is null)
        {
            db.TlsReportDeliveries.Add(new TlsReportDelivery { Day = day, PolicyDomain = domain, Destination = "", ReportId = report.ReportId, AttemptedAt = now, Outcome = TlsReportDelivery.NoRecord });
            await db.SaveChangesAsync(ct);
            return 0;
        }
        var sent = 0;
        foreach (var uri in record.ReportUris)
        {
            if (done.Any(d => d.Destination == uri.OriginalString && d.Outcome == TlsReportDelivery.Sent)) continue;
            var error = uri.Scheme == Uri.UriSchemeMailto ? await MailAsync(report, domain, uri, now, ct) : await PostAsync(report, domain, uri, ct);
            db.TlsReportDeliveries.Add(new TlsReportDelivery
            {
                Day = day, PolicyDomain = domain, Destination = uri.OriginalString, ReportId = report.ReportId, AttemptedAt = now,
                Outcome = error is null ? TlsReportDelivery.Sent : TlsReportDelivery.Failed, Detail = error,
            });
            if (error is null) sent++;
            else LogFailed(logger, domain, uri.OriginalString, error);
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }

    private async Task<string?> MailAsync(TlsReport report, string domain, Uri uri, DateTimeOffset now, CancellationToken ct)
    {
        var to = TlsRptRecord.MailtoAddress(uri);
        var from = O.FromAddress ?? "tlsrpt-noreply@" + Submitter;
        var bytes = TlsReportWriter.ToEmail(report, domain, Submitter, new MailboxAddress(O.OrganizationName ?? Submitter, from), to, now);
        var envelope = new MessageEnvelope
        {
            MailFrom = from,
            Recipients = [new EnvelopeRecipient(to)],
            TenantId = O.TenantId ?? mta.Value.DefaultTenant,
            ReceivedAt = now,
            ClientAddress = "127.0.0.1",
            AuthUser = "system:tls-rpt",
        };
        var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), ct);
        return reply.IsPositive ? null : reply.ToString();
    }

    private async Task<string?> PostAsync(TlsReport report, string domain, Uri uri, CancellationToken ct)
    {
        using var content = new ByteArrayContent(TlsReportWriter.Gzip(TlsReportWriter.ToJson(report)));
        content.Headers.ContentType = new MediaTypeHeaderValue(TlsReportWriter.GzipMediaType);
        try
        {
            using var response = await http.CreateClient(ClientName).PostAsync(uri, content, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from {uri.Host} for {domain}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return "timeout: " + e.Message;
        }
    }

    [LoggerMessage(EventId = 4310, Level = LogLevel.Warning, Message = "TLS report for {PolicyDomain} to {Destination} failed: {Error}; retried at the next run")]
    private static partial void LogFailed(ILogger logger, string policyDomain, string destination, string error);
}
