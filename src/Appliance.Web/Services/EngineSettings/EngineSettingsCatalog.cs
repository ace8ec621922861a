using System.Globalization;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server.Net;
using Appliance.Web.Api;
using Appliance.Web.Data.Entities;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>
/// The engine settings the System page and PUT /api/v1/settings edit. Each one parses its text into a new snapshot
/// (<c>with</c>; the published one is never changed); the ranges and cross-field rules are the engine's
/// <see cref="MtaOptionsValidator"/>, the same ones checked at start.
/// </summary>
public static class EngineSettingsCatalog
{
    public static readonly IReadOnlyList<EngineSettingDefinition> All =
    [
        new("hostname", "Host name", "EHLO name, banner and DSN reporting host (a fully qualified domain name)", MtaOptions.Section + ":Hostname",
            o => o.Hostname,
            (o, v) => EngineSettingParse.Ok(o with { Hostname = v.Trim() }),
            Storage: SettingKeys.Hostname),
        new("smtp.relayHosts", "Relay hosts", "Networks that may relay without AUTH, comma-separated CIDRs (e.g. 10.0.0.0/8, 2001:db8::/32)", MtaOptions.Section + ":Smtp:RelayHosts",
            o => string.Join(", ", o.Smtp.RelayHosts),
            (o, v) => EngineSettingParse.Ok(o with
            {
                Smtp = o.Smtp with { RelayHosts = [.. v.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
            })),
        Number("smtp.maxMessageSize", "Maximum message size (bytes)", "Advertised in EHLO SIZE; larger messages get 552 5.3.4 (1 KB to 2 GB)", "Smtp:MaxMessageSize",
            o => o.Smtp.MaxMessageSize, (o, n) => o with { Smtp = o.Smtp with { MaxMessageSize = n } }),
        Number("smtp.maxRecipients", "Maximum recipients per message", "RCPT beyond this get 452 4.5.3 (RFC 5321 §4.5.3.1.8 asks for at least 100)", "Smtp:MaxRecipients",
            o => o.Smtp.MaxRecipients, (o, n) => o with { Smtp = o.Smtp with { MaxRecipients = (int)n } }),
        Number("smtp.maxConnectionsPerIp", "Connections per client IP", "Simultaneous SMTP connections from one client address; the next gets 421 4.7.0", "Smtp:MaxConnectionsPerIp",
            o => o.Smtp.MaxConnectionsPerIp, (o, n) => o with { Smtp = o.Smtp with { MaxConnectionsPerIp = (int)n } }),
        Duration("delivery.retryInterval", "First retry after", "Backoff starts here and doubles per attempt (hh:mm:ss)", "Delivery:RetryInterval",
            o => o.Delivery.RetryInterval, (o, d) => o with { Delivery = o.Delivery with { RetryInterval = d } }),
        Duration("delivery.maxRetryInterval", "Longest retry interval", "The backoff never waits longer than this (hh:mm:ss)", "Delivery:MaxRetryInterval",
            o => o.Delivery.MaxRetryInterval, (o, d) => o with { Delivery = o.Delivery with { MaxRetryInterval = d } }),
        Duration("delivery.maxAge", "Queue lifetime", "A message still undelivered after this expires and bounces (d.hh:mm:ss)", "Delivery:MaxAge",
            o => o.Delivery.MaxAge, (o, d) => o with { Delivery = o.Delivery with { MaxAge = d } }),
        Number("delivery.maxConnectionsPerSite", "Connections per destination site", "Default limit of simultaneous connections to one MX site", "Delivery:MaxConnectionsPerSite",
            o => o.Delivery.MaxConnectionsPerSite, (o, n) => o with { Delivery = o.Delivery with { MaxConnectionsPerSite = (int)n } }),
    ];

    public static EngineSettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);

    /// <summary>The setting a validator error belongs to (by its configuration key), or null for one the catalog does not edit.</summary>
    public static EngineSettingDefinition? ForConfigKey(string configKey) =>
        All.FirstOrDefault(d => string.Equals(d.ConfigKey, configKey, StringComparison.OrdinalIgnoreCase));

    private static EngineSettingDefinition Number(string key, string label, string help, string configKey, Func<MtaOptions, long> read,
        Func<MtaOptions, long, MtaOptions> write) =>
        new(key, label, help, MtaOptions.Section + ":" + configKey, o => read(o).ToString(CultureInfo.InvariantCulture), (o, v) =>
            long.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue
                ? EngineSettingParse.Ok(write(o, n))
                : EngineSettingParse.Fail($"'{v}' is not a whole number"));

    private static EngineSettingDefinition Duration(string key, string label, string help, string configKey, Func<MtaOptions, TimeSpan> read,
        Func<MtaOptions, TimeSpan, MtaOptions> write) =>
        new(key, label, help, MtaOptions.Section + ":" + configKey, o => read(o).ToString("c", CultureInfo.InvariantCulture), (o, v) =>
            TimeSpan.TryParse(v.Trim(), CultureInfo.InvariantCulture, out var d)
                ? EngineSettingParse.Ok(write(o, d))
                : EngineSettingParse.Fail($"'{v}' is not a duration (d.hh:mm:ss)"));
}
