using System.Globalization;
using System.Net;

namespace Appliance.Web.Api;

/// <summary>Syntax checks for domains and hosts given to the API.</summary>
public static class DomainSyntax
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// RFC 1035 §2.3.1 / RFC 1123 §2.1: letter-digit-hyphen labels of 1-63 octets, no leading or trailing
    /// hyphen, at most 253 octets in all; U-labels are checked through their A-label (RFC 5890).
    /// </summary>
    public static bool IsValidDomain(string domain)
    {
        if (string.IsNullOrEmpty(domain) || domain.Length > 253) return false;
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (ascii.Length > 253) return false;
        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
            }
        }
        return true;
    }

    /// <summary>A domain name or an IPv4/IPv6 address (without brackets).</summary>
    public static bool IsValidHost(string host) =>
        IPAddress.TryParse(host, out _) || IsValidDomain(host);
}
