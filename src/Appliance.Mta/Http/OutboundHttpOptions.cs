using System.Net;
using Microsoft.Extensions.Configuration;

namespace Appliance.Mta.Http;

/// <summary>Settings of the outbound HTTP guard, section "Appliance:OutboundHttp".</summary>
public sealed class OutboundHttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Appliance:OutboundHttp";

    /// <summary>
    /// Networks (CIDR, e.g. "10.20.0.0/16", "127.0.0.0/8", "fd00::/8") the appliance may reach over HTTP although they
    /// are otherwise refused (<see cref="BlockedAddressRanges"/>): internal webhook receivers, a private MTA-STS host.
    /// Empty by default: only public addresses are reached.
    /// </summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>Reads the section by hand (the engine does not depend on the configuration binder). Accepts the list
    /// form (AllowedNetworks:0, :1, …) and a comma-separated scalar; blank entries are ignored.</summary>
    /// <exception cref="FormatException">An entry is not a network in CIDR notation.</exception>
    public static OutboundHttpOptions From(IConfiguration? configuration)
    {
        if (configuration is null) return new OutboundHttpOptions();
        var section = configuration.GetSection(Section).GetSection("AllowedNetworks");
        var texts = new List<string>();
        if (!string.IsNullOrWhiteSpace(section.Value)) texts.AddRange(section.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        texts.AddRange(section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0));
        return new OutboundHttpOptions { AllowedNetworks = ParseNetworks(texts) };
    }

    /// <summary>CIDR texts to networks; blank entries ignored.</summary>
    /// <exception cref="FormatException">An entry is not a network in CIDR notation.</exception>
    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> texts) =>
        texts.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(Parse).ToList();

    private static IPNetwork Parse(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
            : throw new FormatException($"{Section}:AllowedNetworks: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");
}
