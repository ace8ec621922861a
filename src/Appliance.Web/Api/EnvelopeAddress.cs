using MimeKit;

namespace Appliance.Web.Api;

/// <summary>Checks an SMTP envelope address given to the HTTP injection API.</summary>
public static class EnvelopeAddress
{
    /// <summary>
    /// A bare addr-spec local@domain: RFC 5321 §4.5.3.1.1 local-part ≤ 64 octets, §4.5.3.1.2 domain ≤ 255 octets,
    /// the domain in RFC 1035 syntax (or an address literal), parseable by MimeKit as a mailbox without a display name.
    /// </summary>
    public static bool IsValid(string address)
    {
        if (address.Length is 0 or > 320 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',')) return false;
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1) return false;
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (System.Text.Encoding.UTF8.GetByteCount(local) > 64) return false;
        var domainOk = domain.StartsWith('[') && domain.EndsWith(']') ? System.Net.IPAddress.TryParse(domain.TrimStart('[').TrimEnd(']').Replace("IPv6:", "", StringComparison.OrdinalIgnoreCase), out _) : DomainSyntax.IsValidDomain(domain);
        if (!domainOk) return false;
        return MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox) && string.IsNullOrEmpty(mailbox.Name);
    }

    public static bool IsAscii(string text) => text.All(char.IsAscii);
}
