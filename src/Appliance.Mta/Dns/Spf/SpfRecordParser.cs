using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Appliance.Mta.Dns.Spf;

/// <summary>Strict parser for "v=spf1" records (RFC 7208 §4.5, §4.6, §5, §6, §12 ABNF).</summary>
public static partial class SpfRecordParser
{
    /// <summary>§4.5: a record starts with "v=spf1" followed by a space or the end.</summary>
    public static bool IsSpfRecord(string txt) =>
        txt.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (txt.Length == 6 || txt[6] == ' ');

    /// <summary>
    /// Parses <paramref name="record"/> strictly (RFC 7208 §4.6): any unknown mechanism, bad CIDR length or duplicate
    /// redirect/exp is a syntax error returned in the result, never thrown.
    /// </summary>
    public static SpfParseResult Parse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsSpfRecord(record)) return SpfParseResult.Invalid("not a v=spf1 record");
        var terms = new List<SpfTerm>();
        string? redirect = null, exp = null;
        // §4.6.1: terms are separated by one or more SP; nothing else is whitespace.
        foreach (var token in record[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var modifier = ModifierRegex().Match(token);
            if (modifier.Success)
            {
                var name = modifier.Groups["name"].Value.ToLowerInvariant();
                var value = modifier.Groups["value"].Value;
                if (name is "redirect" or "exp")
                {
                    // §6: redirect and exp each appear at most once.
                    if ((name == "redirect" ? redirect : exp) is not null) return SpfParseResult.Invalid($"duplicate {name}= modifier");
                    var specError = SpfMacro.ValidateDomainSpec(value);
                    if (specError is not null) return SpfParseResult.Invalid($"{name}=: {specError}");
                    if (name == "redirect") redirect = value; else exp = value;
                }
                else
                {
                    var macroError = SpfMacro.Validate(value, explain: false);
                    if (macroError is not null) return SpfParseResult.Invalid($"{name}=: {macroError}");
                }
                continue;
            }
            var (term, error) = ParseMechanism(token);
            if (term is null) return SpfParseResult.Invalid(error!);
            terms.Add(term);
        }
        return SpfParseResult.Ok(new SpfRecord(terms, redirect, exp));
    }

    private static (SpfTerm? Term, string? Error) ParseMechanism(string token)
    {
        var qualifier = token[0] switch
        {
            '+' => SpfResult.Pass,
            '-' => SpfResult.Fail,
            '~' => SpfResult.SoftFail,
            '?' => SpfResult.Neutral,
            _ => (SpfResult?)null,
        };
        var body = qualifier is null ? token : token[1..];
        var q = qualifier ?? SpfResult.Pass;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        var nameEnd = new[] { colon, slash, body.Length }.Where(x => x >= 0).Min();
        var name = body[..nameEnd].ToLowerInvariant();
        var rest = body[nameEnd..];
        return name switch
        {
            "all" => rest.Length == 0 ? (new SpfTerm(q, SpfMechanismKind.All, null, null, 32, 128, token), null) : (null, $"'{token}': all takes no argument"),
            "include" => DomainOnly(q, SpfMechanismKind.Include, rest, token, required: true),
            "exists" => DomainOnly(q, SpfMechanismKind.Exists, rest, token, required: true),
            "ptr" => DomainOnly(q, SpfMechanismKind.Ptr, rest, token, required: false),
            "a" => WithCidr(q, SpfMechanismKind.A, rest, token),
            "mx" => WithCidr(q, SpfMechanismKind.Mx, rest, token),
            "ip4" => Network(q, SpfMechanismKind.Ip4, rest, token),
            "ip6" => Network(q, SpfMechanismKind.Ip6, rest, token),
            _ => (null, $"unknown mechanism '{token}'"),
        };
    }

    private static (SpfTerm?, string?) DomainOnly(SpfResult q, SpfMechanismKind kind, string rest, string token, bool required)
    {
        if (rest.Length == 0)
            return required ? (null, $"'{token}' needs a domain") : (new SpfTerm(q, kind, null, null, 32, 128, token), null);
        if (rest[0] != ':') return (null, $"'{token}': unexpected '{rest[0]}'");
        var spec = rest[1..];
        var error = SpfMacro.ValidateDomainSpec(spec);
        return error is null ? (new SpfTerm(q, kind, spec, null, 32, 128, token), null) : (null, $"'{token}': {error}");
    }

    private static (SpfTerm?, string?) WithCidr(SpfResult q, SpfMechanismKind kind, string rest, string token)
    {
        // §5.6 dual-cidr-length at the end: [ "/" ip4-cidr ] [ "//" ip6-cidr ].
        var m = DualCidrRegex().Match(rest);
        var before = rest[..m.Index];
        string? spec = null;
        if (before.Length > 0)
        {
            if (before[0] != ':') return (null, $"'{token}': invalid argument");
            spec = before[1..];
            var error = SpfMacro.ValidateDomainSpec(spec);
            if (error is not null) return (null, $"'{token}': {error}");
        }
        var c4 = m.Groups["c4"].Success ? Cidr(m.Groups["c4"].Value, 32) : 32;
        var c6 = m.Groups["c6"].Success ? Cidr(m.Groups["c6"].Value, 128) : 128;
        if (c4 < 0 || c6 < 0) return (null, $"'{token}': invalid CIDR length");
        return (new SpfTerm(q, kind, spec, null, c4, c6, token), null);
    }

    private static (SpfTerm?, string?) Network(SpfResult q, SpfMechanismKind kind, string rest, string token)
    {
        if (rest.Length < 2 || rest[0] != ':') return (null, $"'{token}' needs a network");
        var text = rest[1..];
        var max = kind == SpfMechanismKind.Ip4 ? 32 : 128;
        var length = max;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            length = Cidr(text[(slash + 1)..], max);
            text = text[..slash];
            if (length < 0) return (null, $"'{token}': invalid CIDR length");
        }
        var valid = kind == SpfMechanismKind.Ip4
            ? Ip4Regex().IsMatch(text) && IPAddress.TryParse(text, out _)
            : text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal)
              && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        if (!valid) return (null, $"'{token}': invalid address '{text}'");
        var network = IPAddress.Parse(text);
        return (new SpfTerm(q, kind, null, network, kind == SpfMechanismKind.Ip4 ? length : 32, kind == SpfMechanismKind.Ip6 ? length : 128, token), null);
    }

    /// <summary>ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); -1 when invalid or above <paramref name="max"/>.</summary>
    private static int Cidr(string text, int max)
    {
        if (text.Length == 0 || text.Length > 3 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0')) return -1;
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value <= max ? value : -1;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9\-_.]*)=(?<value>.*)$")]
    private static partial Regex ModifierRegex();

    [GeneratedRegex(@"(?:/(?<c4>\d+))?(?://(?<c6>\d+))?$")]
    private static partial Regex DualCidrRegex();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex Ip4Regex();
}
