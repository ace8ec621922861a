using System.Globalization;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server.Net;
using Appliance.Web.Api;
using Appliance.Web.Data.Entities;

namespace Appliance.Web.Services.EngineSettings;

/// <summary>The engine settings the System page and PUT /api/v1/settings edit, with their rules.</summary>
public static class EngineSettingsCatalog
{
    public static readonly IReadOnlyList<EngineSettingDefinition> All =
    [
        new("hostname", "Host name", "EHLO name, banner and DSN reporting host (a fully qualified domain name)",
            o => o.Hostname,
            (o, v) => DomainSyntax.IsValidDomain(v.Trim()) ? Set(() => o.Hostname = v.Trim()) : $"'{v}' is not a valid host name",
            Storage: SettingKeys.Hostname),
        new("smtp.relayHosts", "Relay hosts", "Networks that may relay without AUTH, comma-separated CIDRs (e.g. 10.0.0.0/8, 2001:db8::/32)",
            o => string.Join(", ", o.Smtp.RelayHosts),
            (o, v) =>
            {
                var items = v.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var bad = items.FirstOrDefault(i => !NetworkSyntax.IsValidNetwork(i));
                if (bad is not null) return $"'{bad}' is not a network in CIDR notation (e.g. 192.0.2.0/24)";
                // A new list instance: the SMTP server re-parses it for the next connection.
                return Set(() => o.Smtp.RelayHosts = [.. items]);
            }),
        new("smtp.maxMessageSize", "Maximum message size (bytes)", "Advertised in EHLO SIZE; larger messages get 552 5.3.4 (1 KB to 2 GB)",
            o => o.Smtp.MaxMessageSize.ToString(CultureInfo.InvariantCulture),
            (o, v) => long.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1024 and <= int.MaxValue
                ? Set(() => o.Smtp.MaxMessageSize = n) : "a whole number of bytes from 1024 to 2147483647"),
        new("smtp.maxRecipients", "Maximum recipients per message", "RCPT beyond this get 452 4.5.3 (RFC 5321 §4.5.3.1.8 asks for at least 100)",
            o => o.Smtp.MaxRecipients.ToString(CultureInfo.InvariantCulture),
            (o, v) => int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 100 and <= 100_000
                ? Set(() => o.Smtp.MaxRecipients = n) : "a whole number from 100 to 100000"),
        Duration("delivery.retryInterval", "First retry after", "Backoff starts here and doubles per attempt (hh:mm:ss)",
            o => o.Delivery.RetryInterval, (o, d) => o.Delivery.RetryInterval = d, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        Duration("delivery.maxRetryInterval", "Longest retry interval", "The backoff never waits longer than this (hh:mm:ss)",
            o => o.Delivery.MaxRetryInterval, (o, d) => o.Delivery.MaxRetryInterval = d, TimeSpan.FromSeconds(1), TimeSpan.FromDays(2)),
        Duration("delivery.maxAge", "Queue lifetime", "A message still undelivered after this expires and bounces (d.hh:mm:ss)",
            o => o.Delivery.MaxAge, (o, d) => o.Delivery.MaxAge = d, TimeSpan.FromSeconds(10), TimeSpan.FromDays(30)),
        new("delivery.maxConnectionsPerSite", "Connections per destination site", "Default limit of simultaneous connections to one MX site",
            o => o.Delivery.MaxConnectionsPerSite.ToString(CultureInfo.InvariantCulture),
            (o, v) => int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                ? Set(() => o.Delivery.MaxConnectionsPerSite = n) : "a whole number from 1 to 1000"),
    ];

    public static EngineSettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);

    private static EngineSettingDefinition Duration(string key, string label, string help, Func<MtaOptions, TimeSpan> read,
        Action<MtaOptions, TimeSpan> write, TimeSpan min, TimeSpan max) =>
        new(key, label, help, o => read(o).ToString("c", CultureInfo.InvariantCulture), (o, v) =>
            TimeSpan.TryParse(v.Trim(), CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
                ? Set(() => write(o, d))
                : $"a duration from {min:c} to {max:c} (d.hh:mm:ss)");

    private static string? Set(Action apply)
    {
        apply();
        return null;
    }
}
