using Appliance.Mta.Configuration;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Configuration;

/// <summary>
/// Lets list options be given as one comma-separated scalar ("--Appliance:Smtp:RelayHosts=10.0.0.0/8,::1/128"
/// or "Appliance__Dns__Servers=127.0.0.1:5353"). The binder ignores a scalar bound to a List and appends indexed
/// children to the defaults; here a configured key always replaces the default list.
/// </summary>
public sealed class CommaSeparatedListPostConfigure(IConfiguration configuration) : IPostConfigureOptions<MtaOptions>
{
    public const string RelayHostsKey = MtaOptions.Section + ":Smtp:RelayHosts";
    public const string DnsServersKey = MtaOptions.Section + ":Dns:Servers";

    public void PostConfigure(string? name, MtaOptions options)
    {
        if (Read(configuration.GetSection(RelayHostsKey)) is { } relayHosts) options.Smtp.RelayHosts = relayHosts;
        if (Read(configuration.GetSection(DnsServersKey)) is { } servers) options.Dns.Servers = servers;
    }

    /// <summary>The configured list, or null when the key is absent (keep the default).</summary>
    public static List<string>? Read(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count > 0)
        {
            // Indexed form (JSON array, Key__0): ordered by index, each element may itself be comma-separated.
            return children
                .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue)
                .SelectMany(c => Split(c.Value))
                .ToList();
        }
        return section.Value is { } scalar ? Split(scalar).ToList() : null;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
