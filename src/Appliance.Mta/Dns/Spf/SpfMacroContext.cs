using System.Net;

namespace Appliance.Mta.Dns.Spf;

/// <summary>The values the macro letters expand to (RFC 7208 §7.2).</summary>
public sealed record SpfMacroContext(
    string Sender,
    string Domain,
    IPAddress Ip,
    string Helo,
    string ReceivingHost,
    DateTimeOffset Now)
{
    /// <summary>%{p}: the validated domain name of the client, "unknown" until resolved.</summary>
    public string ValidatedName { get; init; } = "unknown";

    /// <summary>%{l}: the sender's local-part, "postmaster" when the sender has none (RFC 7208 §4.3).</summary>
    public string LocalPart
    {
        get
        {
            var at = Sender.LastIndexOf('@');
            var local = at < 0 ? string.Empty : Sender[..at];
            return local.Length == 0 ? "postmaster" : local;
        }
    }

    /// <summary>%{o}: the sender's domain (the whole sender when it has no "@").</summary>
    public string SenderDomain
    {
        get
        {
            var at = Sender.LastIndexOf('@');
            return at < 0 ? Sender : Sender[(at + 1)..];
        }
    }
}
