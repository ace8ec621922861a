using System.Buffers;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ingestion;

namespace Appliance.Web.Modules.Reports.Mail;

/// <summary>
/// Reception step 90 (before the bounce/ARF processing at 100): inbound mail to a report mailbox is ingested and
/// answered 250 once stored (so an acknowledged report is never lost); it is never queued. A message that holds no
/// readable report is still accepted (250) and its errors are in the ingestion log: refusing would only make the
/// reporter retry the same bytes. A storage failure answers 451 so the sender retries.
/// </summary>
public sealed class ReportMailFilter(ReportMailboxAddresses addresses, ReportIngestionService ingestion, ILogger<ReportMailFilter> logger) : IReceptionFilter
{
    public const int FilterOrder = 90;

    public int Order => FilterOrder;

    public async ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var env = message.Envelope;
        if (!env.Inbound || !env.Recipients.Any(r => addresses.IsReportAddress(r.Address))) return ReceptionVerdict.Continue;
        try
        {
            var source = $"{(env.MailFrom.Length == 0 ? "<>" : env.MailFrom)} [{env.ClientAddress}]";
            var result = await ingestion.IngestAsync(message.ToArray(), null, ReportChannel.Mail, source, cancellationToken);
            return ReceptionVerdict.Stop(new SmtpReply(250, "2.0.0", $"Ok: {result.Stored} report(s) stored"));
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or IOException)
        {
            ReportsLog.MailedReportNotStored(logger, e, env.ClientAddress);
            // RFC 5321 §4.2.5: 451 local error in processing; the sender keeps the message and retries.
            return ReceptionVerdict.Stop(new SmtpReply(451, "4.3.0", "Report could not be stored, try again later"));
        }
    }
}
