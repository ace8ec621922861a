using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>Formats the header fields the server prepends: Received, and Message-ID/Date on submission.</summary>
internal static class AddedHeaders
{
    /// <summary>
    /// RFC 5321 §4.4 time-stamp line: from, by, with, id, for, then "; date". The "with" keyword is
    /// from RFC 3848 (ESMTP, ESMTPS, ESMTPA, ESMTPSA; SMTP after HELO). The TLS comment follows the
    /// Postfix form "(using TLSv1.3 with cipher X)". Without reverse DNS the TCP-info is the address
    /// literal alone (RFC 5321 §4.4 TCP-info = address-literal / ( Domain FWS address-literal )).
    /// </summary>
    public static string Received(in ReceptionInfo info)
    {
        var protocol = !info.Esmtp ? "SMTP" : (info.Tls, info.Authenticated) switch
        {
            (true, true) => "ESMTPSA",
            (true, false) => "ESMTPS",
            (false, true) => "ESMTPA",
            _ => "ESMTP",
        };
        var sb = new StringBuilder(256);
        sb.Append("Received: from ").Append(Sanitize(info.Helo))
          .Append(" (").Append(AddressLiteral(info.ClientAddress)).Append(')');
        if (info.Tls && info.TlsDescription is { } tls) sb.Append("\r\n\t(using ").Append(tls).Append(')');
        sb.Append("\r\n\tby ").Append(info.Hostname).Append(" with ").Append(protocol)
          .Append(" id ").Append(info.TransactionId);
        if (info.SingleRecipient is { } rcpt) sb.Append("\r\n\tfor <").Append(Sanitize(rcpt)).Append('>');
        sb.Append(";\r\n\t").Append(Rfc5322Date(info.Now)).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>RFC 5322 §3.6.4 / RFC 6409 §8.3: "Message-ID: &lt;guid@hostname&gt;".</summary>
    public static string MessageId(string id) => $"Message-ID: <{id}>\r\n";

    /// <summary>RFC 5322 §3.6.1 / RFC 6409 §8.2.</summary>
    public static string Date(DateTimeOffset now) => $"Date: {Rfc5322Date(now)}\r\n";

    /// <summary>RFC 5322 §3.3 date-time, e.g. "Tue, 01 Jul 2025 12:34:56 +0000".</summary>
    public static string Rfc5322Date(DateTimeOffset t)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return t.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    public static string AddressLiteral(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{ip}]" : $"[{ip}]";
    }

    /// <summary>Keeps client-supplied text from breaking the header: no CR, LF or parentheses.</summary>
    private static string Sanitize(string s)
    {
        foreach (var c in s)
            if (c is '\r' or '\n' or '(' or ')' or ';' || char.IsControl(c))
                return string.Create(s.Length, s, static (span, src) =>
                {
                    for (var i = 0; i < src.Length; i++)
                        span[i] = src[i] is '\r' or '\n' or '(' or ')' or ';' || char.IsControl(src[i]) ? '_' : src[i];
                });
        return s;
    }
}
