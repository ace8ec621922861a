using System.ComponentModel;
using System.Globalization;
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

        // The engine's rules, the same ones checked on start and on every run-time change.
        problems.AddRange(MtaOptionsValidator.Check(options).Select(e => e.ToString()));
        return problems;
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
}
