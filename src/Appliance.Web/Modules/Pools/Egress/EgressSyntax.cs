using System.Net;
using System.Net.Sockets;
using Appliance.Web.Api;

namespace Appliance.Web.Modules.Pools.Egress;

/// <summary>Syntax checks for egress settings: names, bind addresses (IP literals) and EHLO host names.</summary>
public static class EgressSyntax
{
    /// <summary>1–64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>
    /// A full IPv4 dotted quad or an IPv6 literal (no brackets, no zone), not the unspecified address: "1" or "10.1"
    /// (which IPAddress.Parse accepts as shorthand) are refused, so a typo never binds to a surprising address.
    /// </summary>
    public static bool IsValidBindAddress(string text, out IPAddress? address)
    {
        address = null;
        if (!IPAddress.TryParse(text, out var ip)) return false;
        if (ip.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3) return false;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && (text.Contains('%') || text.Contains('['))) return false;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return false;
        address = ip;
        return true;
    }

    /// <summary>RFC 5321 §4.1.1.1: EHLO names the client by its fully-qualified domain name.</summary>
    public static bool IsValidEhloName(string text) => text.Contains('.') && DomainSyntax.IsValidDomain(text.TrimEnd('.'));
}
