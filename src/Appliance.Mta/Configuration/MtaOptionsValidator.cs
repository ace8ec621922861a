using System.Globalization;
using System.Net;
using Appliance.Mta.Smtp;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Configuration;

/// <summary>
/// The rules every <see cref="MtaOptions"/> snapshot must satisfy, checked together (ranges, host names, networks,
/// endpoints, cross-field rules) and reported with each bad key. The host runs them on start
/// (<c>ValidateOnStart</c>: a bad appsettings or environment value stops start-up), <see cref="MtaSettings.TryPublish"/>
/// runs them on every run-time change, and <c>appliance config validate</c> runs them offline.
/// </summary>
public sealed class MtaOptionsValidator : IValidateOptions<MtaOptions>
{
    /// <summary>Bounds of <see cref="SmtpServerOptions.MaxMessageSize"/>: 1 KiB to 2 GiB - 1 (a 32-bit SIZE value).</summary>
    public const long MinMessageSize = 1024, MaxMessageSize = int.MaxValue;

    /// <summary>RFC 5321 §4.5.3.1.8: a server must take at least 100 recipients; 100000 is a sanity ceiling.</summary>
    public const int MinRecipients = 100, MaxRecipients = 100_000;

    /// <summary>
    /// Checks every rule (<see cref="Check"/>) and returns them all as one failure, each as "key: message"; <paramref
    /// name="name"/> is ignored (one unnamed options instance).
    /// </summary>
    public ValidateOptionsResult Validate(string? name, MtaOptions options)
    {
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => e.ToString()));
    }

    /// <summary>Every broken rule of <paramref name="o"/>, keyed by its configuration path; empty when valid.</summary>
    public static IReadOnlyList<OptionError> Check(MtaOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var errors = new List<OptionError>();
        const string root = MtaOptions.Section + ":";
        void Add(string key, string message) => errors.Add(new OptionError(root + key, message));

        if (string.IsNullOrWhiteSpace(o.DataDir)) Add("DataDir", "must not be empty");
        // RFC 5321 §4.1.1.1: the EHLO name is a domain (letter-digit-hyphen labels of at most 63 octets); one trailing
        // dot (an absolute name, as some configurations write it) is tolerated.
        if (string.IsNullOrWhiteSpace(o.Hostname)) Add("Hostname", "must not be empty");
        else if (!DomainSyntax.IsDomain(o.Hostname.EndsWith('.') ? o.Hostname.AsSpan()[..^1] : o.Hostname, allowUnderscore: false))
            Add("Hostname", $"'{o.Hostname}' is not a valid host name");
        if (string.IsNullOrWhiteSpace(o.DefaultTenant)) Add("DefaultTenant", "must not be empty");

        var s = o.Smtp;
        foreach (var (key, value) in new[] { ("Relay", s.Relay), ("Submission", s.Submission), ("Smtps", s.Smtps) })
        {
            // Port 0 binds an ephemeral port (tests); empty disables the listener.
            if (!string.IsNullOrWhiteSpace(value) && !IsIpEndpoint(value.Trim(), allowPortZero: true))
                Add("Smtp:" + key, $"'{value}' is not \"ip:port\" (or empty to disable the listener)");
        }
        foreach (var cidr in s.RelayHosts ?? [])
        {
            if (!IpNetwork.TryParse(cidr ?? "", out _)) Add("Smtp:RelayHosts", $"'{cidr}' is not a network in CIDR notation (e.g. 192.0.2.0/24)");
        }
        Range("Smtp:MaxMessageSize", s.MaxMessageSize, MinMessageSize, MaxMessageSize, Add);
        Range("Smtp:InMemoryMessageBytes", s.InMemoryMessageBytes, 0, int.MaxValue, Add);
        Range("Smtp:MaxRecipients", s.MaxRecipients, MinRecipients, MaxRecipients, Add);
        Range("Smtp:MaxBadCommands", s.MaxBadCommands, 1, 1000, Add);
        Range("Smtp:MaxConnections", s.MaxConnections, 1, 1_000_000, Add);
        Range("Smtp:MaxConnectionsPerIp", s.MaxConnectionsPerIp, 1, 1_000_000, Add);
        if (s.MaxConnectionsPerIp > s.MaxConnections && s.MaxConnections >= 1)
            Add("Smtp:MaxConnectionsPerIp", $"{s.MaxConnectionsPerIp} is more than Smtp:MaxConnections ({s.MaxConnections})");
        Range("Smtp:AuthFailureLimit", s.AuthFailureLimit, 1, 1000, Add);
        Positive("Smtp:AuthLockoutWindow", s.AuthLockoutWindow, Add);
        Positive("Smtp:CommandTimeout", s.CommandTimeout, Add);
        Positive("Smtp:DataTimeout", s.DataTimeout, Add);
        Range("Smtp:DataMinRate", s.DataMinRate, 0, int.MaxValue, Add);

        foreach (var server in o.Dns.Servers ?? [])
        {
            if (!IsIpEndpoint((server ?? "").Trim(), allowPortZero: false)) Add("Dns:Servers", $"'{server}' is not \"ip:port\"");
        }
        Positive("Dns:Timeout", o.Dns.Timeout, Add);

        Range("Inbound:MaxMessageSize", o.Inbound.MaxMessageSize, 1, MaxMessageSize, Add);
        Range("Inbound:MaxConcurrentPerIp", o.Inbound.MaxConcurrentPerIp, 1, 1_000_000, Add);

        var d = o.Delivery;
        if (d.Port is < 1 or > 65535) Add("Delivery:Port", $"{d.Port} is not a port (1-65535)");
        if (!string.IsNullOrWhiteSpace(d.SmartHost) && !IsHostPort(d.SmartHost.Trim())) Add("Delivery:SmartHost", $"'{d.SmartHost}' is not \"host:port\"");
        Range("Delivery:RetryInterval", d.RetryInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), Add);
        Range("Delivery:MaxRetryInterval", d.MaxRetryInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(2), Add);
        if (d.MaxRetryInterval < d.RetryInterval && d.RetryInterval > TimeSpan.Zero)
            Add("Delivery:MaxRetryInterval", $"{Format(d.MaxRetryInterval)} is shorter than Delivery:RetryInterval ({Format(d.RetryInterval)})");
        Range("Delivery:MaxAge", d.MaxAge, TimeSpan.FromSeconds(10), TimeSpan.FromDays(30), Add);
        Range("Delivery:MessagesPerConnection", d.MessagesPerConnection, 1, 1_000_000, Add);
        Range("Delivery:MaxConnectionsPerSite", d.MaxConnectionsPerSite, 1, 1000, Add);
        Range("Delivery:MaxRecipientsPerTransaction", d.MaxRecipientsPerTransaction, 1, 100_000, Add);
        Positive("Delivery:GreetingTimeout", d.GreetingTimeout, Add);
        Positive("Delivery:ConnectTimeout", d.ConnectTimeout, Add);
        Positive("Delivery:CommandTimeout", d.CommandTimeout, Add);
        Positive("Delivery:DataTimeout", d.DataTimeout, Add);
        Positive("Delivery:IdleTimeout", d.IdleTimeout, Add);
        return errors;
    }

    /// <summary>"ip:port" with an explicit port (IPv6 as "[::1]:53").</summary>
    public static bool IsIpEndpoint(string value, bool allowPortZero = false) =>
        IPEndPoint.TryParse(value, out var endpoint) && PortOf(value) is { } port && port == endpoint.Port && (port > 0 || allowPortZero);

    /// <summary>"host:port" where host is a name or an address.</summary>
    public static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || PortOf(value) is not > 0) return false;
        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) return IPAddress.TryParse(host[1..^1], out _);
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private static int? PortOf(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.EndsWith(']')) return null;
        return int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : null;
    }

    private static void Range(string key, long value, long min, long max, Action<string, string> add)
    {
        if (value < min || value > max) add(key, $"{value.ToString(CultureInfo.InvariantCulture)} is not a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static void Range(string key, TimeSpan value, TimeSpan min, TimeSpan max, Action<string, string> add)
    {
        if (value < min || value > max) add(key, $"{Format(value)} is not a duration from {Format(min)} to {Format(max)} (d.hh:mm:ss)");
    }

    private static void Positive(string key, TimeSpan value, Action<string, string> add)
    {
        if (value <= TimeSpan.Zero) add(key, $"{Format(value)} must be a positive time span");
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
