using System.Text.RegularExpressions;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>Groups similar responses: addresses, IPs, ids and numbers masked, whitespace collapsed.</summary>
public static partial class ResponseGroups
{
    public static string Mask(string response)
    {
        var masked = AddressRegex().Replace(response, "<addr>");
        masked = IpRegex().Replace(masked, "<ip>");
        masked = TokenRegex().Replace(masked, "<id>");
        masked = DigitsRegex().Replace(masked, "#");
        masked = WhitespaceRegex().Replace(masked, " ").Trim();
        return masked.Length <= 300 ? masked : masked[..300];
    }

    [GeneratedRegex(@"[^\s<>@]+@[^\s<>@]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressRegex();

    [GeneratedRegex(@"\b\d{1,3}(\.\d{1,3}){3}\b|\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IpRegex();

    [GeneratedRegex(@"\b(?=[A-Za-z0-9\-_.]*\d)(?=[A-Za-z0-9\-_.]*[A-Za-z])[A-Za-z0-9\-_.]{8,}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TokenRegex();

    [GeneratedRegex(@"(?<![#\d.])\d{4,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhitespaceRegex();
}
