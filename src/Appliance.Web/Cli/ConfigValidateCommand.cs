using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Reflection;
using Appliance.Mta.Configuration;
using Appliance.Web.Configuration;

namespace Appliance.Web.Cli;

/// <summary>
/// `appliance config validate [FILE]` (offline): reads the JSON file (default /etc/appliance/appsettings.json),
/// binds its "Appliance" section to <see cref="MtaOptions"/> and checks endpoints, CIDRs, ports and time spans.
/// Prints every problem with its configuration key and returns 1, or "configuration OK" and 0.
/// </summary>
public sealed class ConfigValidateCommand(TextWriter output, TextWriter error)
{
    public const string DefaultFile = "/etc/appliance/appsettings.json";

    public int Run(IReadOnlyList<string> args)
    {
        var parsed = CliArgs.Parse(args, new HashSet<string>());
        if (parsed.Error is not null || parsed.Positional.Count > 1 || parsed.Unknown(new HashSet<string>()).Any())
        {
            error.WriteLine("Usage: appliance config validate [FILE]   (default " + DefaultFile + ")");
            return 2;
        }
        var file = Path.GetFullPath(parsed.Positional.Count == 1 ? parsed.Positional[0] : DefaultFile);
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: no such file");
            return 1;
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{file}: {e.InnerException?.Message ?? e.Message}");
            return 1;
        }

        var problems = Validate(configuration);
        foreach (var problem in problems) error.WriteLine(problem);
        if (problems.Count > 0)
        {
            error.WriteLine($"{file}: {problems.Count} problem(s)");
            return 1;
        }
        output.WriteLine("configuration OK");
        return 0;
    }

    /// <summary>"Key: problem" lines; empty when the configuration is valid.</summary>
    public static List<string> Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        var section = configuration.GetSection(MtaOptions.Section);
        // Values the binder cannot convert would throw on the first one; report each with its key instead.
        CheckConversions(section, typeof(MtaOptions), problems);
        if (problems.Count > 0) return problems;

        var options = section.Get<MtaOptions>() ?? new MtaOptions();
        if (CommaSeparatedListPostConfigure.Read(configuration.GetSection(CommaSeparatedListPostConfigure.RelayHostsKey)) is { } relayHosts) options.Smtp.RelayHosts = relayHosts;
        if (CommaSeparatedListPostConfigure.Read(configuration.GetSection(CommaSeparatedListPostConfigure.DnsServersKey)) is { } servers) options.Dns.Servers = servers;

        const string smtp = MtaOptions.Section + ":Smtp:";
        const string delivery = MtaOptions.Section + ":Delivery:";
        if (string.IsNullOrWhiteSpace(options.DataDir)) problems.Add($"{MtaOptions.Section}:DataDir: must not be empty");
        if (string.IsNullOrWhiteSpace(options.Hostname)) problems.Add($"{MtaOptions.Section}:Hostname: must not be empty");
        foreach (var (key, value) in new[] { ("Relay", options.Smtp.Relay), ("Submission", options.Smtp.Submission), ("Smtps", options.Smtp.Smtps) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsIpEndpoint(value)) problems.Add($"{smtp}{key}: '{value}' is not \"ip:port\" (or empty to disable the listener)");
        }
        foreach (var cidr in options.Smtp.RelayHosts)
        {
            if (!IPNetwork.TryParse(cidr.Trim(), out _)) problems.Add($"{smtp}RelayHosts: '{cidr}' is not a CIDR (e.g. 10.0.0.0/8)");
        }
        foreach (var server in options.Dns.Servers)
        {
            if (!IsIpEndpoint(server.Trim())) problems.Add($"{MtaOptions.Section}:Dns:Servers: '{server}' is not \"ip:port\"");
        }
        if (options.Delivery.Port is < 1 or > 65535) problems.Add($"{delivery}Port: {options.Delivery.Port} is not a port (1-65535)");
        if (!string.IsNullOrWhiteSpace(options.Delivery.SmartHost) && !IsHostPort(options.Delivery.SmartHost))
            problems.Add($"{delivery}SmartHost: '{options.Delivery.SmartHost}' is not \"host:port\"");
        if (options.Delivery.MaxRetryInterval < options.Delivery.RetryInterval)
            problems.Add($"{delivery}MaxRetryInterval: {options.Delivery.MaxRetryInterval} is shorter than RetryInterval {options.Delivery.RetryInterval}");
        // RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients.
        if (options.Smtp.MaxRecipients < 100) problems.Add($"{smtp}MaxRecipients: {options.Smtp.MaxRecipients} is below the 100 RFC 5321 §4.5.3.1.8 requires");
        CheckPositive(options.Smtp, smtp, problems);
        CheckPositive(options.Dns, MtaOptions.Section + ":Dns:", problems);
        CheckPositive(options.Delivery, delivery, problems);
        return problems;
    }

    /// <summary>Every TimeSpan and count must be positive.</summary>
    private static void CheckPositive(object options, string prefix, List<string> problems)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(options);
            if (value is TimeSpan span && span <= TimeSpan.Zero) problems.Add($"{prefix}{property.Name}: {span} must be a positive time span");
            if (value is int i && i <= 0 && property.Name != nameof(DeliveryOptions.Port)) problems.Add($"{prefix}{property.Name}: {i} must be positive");
            if (value is long l && l <= 0) problems.Add($"{prefix}{property.Name}: {l} must be positive");
        }
    }

    private static void CheckConversions(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            // Other "Appliance:*" keys (Http, Bootstrap, ...) belong to the host, not to MtaOptions.
            if (property is null) continue;
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (target.Namespace == typeof(MtaOptions).Namespace)
            {
                CheckConversions(child, target, problems);
                continue;
            }
            if (target != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(target)) continue;
            if (child.Value is null)
            {
                if (child.GetChildren().Any()) problems.Add($"{child.Path}: expected a single value, found a section");
                continue;
            }
            if (target == typeof(string) || (child.Value.Length == 0 && property.PropertyType != target)) continue;
            try
            {
                TypeDescriptor.GetConverter(target).ConvertFromString(null, CultureInfo.InvariantCulture, child.Value);
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
            {
                problems.Add($"{child.Path}: '{child.Value}' is not a valid {Describe(target)}");
            }
        }
    }

    private static string Describe(Type type) =>
        type == typeof(TimeSpan) ? "time span (e.g. 00:05:00)" : type == typeof(bool) ? "boolean" : type == typeof(int) || type == typeof(long) ? "number" : type.Name;

    /// <summary>"ip:port" with an explicit port (IPv6 as "[::1]:53").</summary>
    public static bool IsIpEndpoint(string value) =>
        IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port is > 0 and <= 65535 && HasPort(value);

    /// <summary>"host:port" where host is a name or an address.</summary>
    public static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !HasPort(value)) return false;
        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) return IPAddress.TryParse(host[1..^1], out _);
        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }

    private static bool HasPort(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || value.EndsWith(']')) return false;
        return int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535;
    }
}
