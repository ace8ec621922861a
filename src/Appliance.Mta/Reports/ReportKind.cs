namespace Appliance.Mta.Reports;

/// <summary>The kinds of report the appliance ingests.</summary>
public enum ReportKind
{
    /// <summary>DMARC aggregate (RUA) report, RFC 7489 §7.2 and Appendix C.</summary>
    DmarcAggregate,
    /// <summary>SMTP TLS report, RFC 8460 §4.</summary>
    TlsRpt,
    /// <summary>DMARC failure (forensic, RUF) report, RFC 7489 §7.3 in the AFRF format of RFC 6591.</summary>
    DmarcFailure,
}
