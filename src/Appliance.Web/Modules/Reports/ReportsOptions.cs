namespace Appliance.Web.Modules.Reports;

/// <summary>Report ingestion, retention and alert thresholds ("Appliance:Reports").</summary>
public sealed class ReportsOptions
{
    public const string Section = "Appliance:Reports";

    /// <summary>
    /// Local parts accepted as report mailboxes at every return-path domain (the appliance is their MX), e.g.
    /// rua=mailto:dmarc@bounces.example.com and rua=mailto:tls-rpt@bounces.example.com.
    /// </summary>
    public List<string> LocalParts { get; set; } = ["dmarc", "tls-rpt"];

    /// <summary>Further complete addresses accepted as report mailboxes (any domain whose MX is the appliance).</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>Raw reports are kept this long, parsed rows for ever (0 keeps raw reports for ever).</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Zip-bomb guard: total decompressed bytes of one file or message.</summary>
    public long MaxDecompressedBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Zip-bomb guard: entries in one zip archive.</summary>
    public int MaxZipEntries { get; set; } = 16;

    /// <summary>Largest upload accepted by POST /api/v1/reports and the page.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How often the IMAP mailboxes are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one IMAP connection step.</summary>
    public TimeSpan ImapTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages fetched per mailbox and poll (the rest wait for the next poll).</summary>
    public int MaxMessagesPerPoll { get; set; } = 200;

    /// <summary>Alert when the DMARC pass rate of the appliance's own IPs in a report falls below this fraction.</summary>
    public double OwnPassRateThreshold { get; set; } = 0.95;

    /// <summary>Own-IP messages a report needs before the pass-rate alert is considered.</summary>
    public long OwnPassRateMinMessages { get; set; } = 20;

    /// <summary>Alert when a source IP that is not the appliance's sends more than this many messages in one report (once per domain and IP).</summary>
    public long UnknownSourceAlertMessages { get; set; } = 100;

    /// <summary>Ingestion log entries kept for the UI.</summary>
    public int IngestionLogSize { get; set; } = 500;
}
