namespace Appliance.Mta.Configuration;

/// <summary>
/// The engine's settings, bound from the "Appliance" configuration section by the host.
/// Defaults are the embedded ones: everything on loopback, data under ./data.
/// An instance is a snapshot: once published through <see cref="MtaSettings"/> it is never changed; a run-time change
/// publishes a copy (<c>with</c>). The setters are for binding and for building a snapshot before it is published.
/// Rules: <see cref="MtaOptionsValidator"/>.
/// </summary>
public sealed record MtaOptions
{
    /// <summary>Configuration section the host binds these settings from ("Appliance").</summary>
    public const string Section = "Appliance";

    /// <summary>Data folder: spool, events, keys, certificates, database.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>The EHLO and banner name.</summary>
    public string Hostname { get; set; } = System.Net.Dns.GetHostName();

    /// <summary>
    /// The SMTP server's listeners, relay networks, certificate and limits (section "Appliance:Smtp").
    /// </summary>
    public SmtpServerOptions Smtp { get; set; } = new();

    /// <summary>
    /// Resolvers and DNSSEC trust for MX, address, TXT, PTR and TLSA lookups (section "Appliance:Dns").
    /// </summary>
    public DnsOptions Dns { get; set; } = new();

    /// <summary>Limits for unauthenticated inbound mail to the appliance's report and bounce addresses.</summary>
    public InboundOptions Inbound { get; set; } = new();

    /// <summary>
    /// Outbound delivery: retry schedule, message lifetime, connection limits and client timeouts (section
    /// "Appliance:Delivery").
    /// </summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>The tenant that owns mail relayed by RelayHosts without AUTH.</summary>
    public string DefaultTenant { get; set; } = "default";
}
