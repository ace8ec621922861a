using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>Outbound MTA-STS settings, section "Appliance:Delivery:MtaSts".</summary>
public sealed class MtaStsOptions
{
    /// <summary>Configuration section read by <see cref="From"/>.</summary>
    public const string Section = "Appliance:Delivery:MtaSts";

    /// <summary>Apply MTA-STS to MX delivery (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Record TLS sessions to domains without an MTA-STS policy too, reported as policy-type no-policy-found
    /// (RFC 8460 §4.4) to the domains that publish a TLS-RPT record (default on, as large senders do).
    /// </summary>
    public bool ReportWithoutPolicy { get; set; } = true;

    /// <summary>PEM file of extra trusted root CAs for the policy fetch and the MX certificate check (tests, private PKI).</summary>
    public string? ExtraTrustedCaFile { get; set; }

    /// <summary>HTTPS port of the policy host (RFC 8461 §3.3: 443; tests use another).</summary>
    public int PolicyPort { get; set; } = 443;

    /// <summary>Policy fetch timeout (RFC 8461 §3.3 suggests a minute at most).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted policy body (RFC 8461 §3.3: senders may cap it; 64 KiB).</summary>
    public int MaxPolicyBytes { get; set; } = 64 * 1024;

    /// <summary>Reads the section by hand (the engine does not depend on the configuration binder).</summary>
    public static MtaStsOptions From(IConfiguration? configuration)
    {
        var o = new MtaStsOptions();
        if (configuration is null) return o;
        var s = configuration.GetSection(Section);
        if (bool.TryParse(s["Enabled"], out var enabled)) o.Enabled = enabled;
        if (bool.TryParse(s["ReportWithoutPolicy"], out var report)) o.ReportWithoutPolicy = report;
        if (!string.IsNullOrWhiteSpace(s["ExtraTrustedCaFile"])) o.ExtraTrustedCaFile = s["ExtraTrustedCaFile"];
        if (int.TryParse(s["PolicyPort"], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) o.PolicyPort = port;
        if (TimeSpan.TryParse(s["FetchTimeout"], CultureInfo.InvariantCulture, out var timeout)) o.FetchTimeout = timeout;
        if (int.TryParse(s["MaxPolicyBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var max)) o.MaxPolicyBytes = max;
        return o;
    }
}
