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

    public string LocalPart
    {
        get
        {
            var at = Sender.LastIndexOf('@');
            var local = at < 0 ? string.Empty : Sender[..at];
            return local.Length == 0 ? "postmaster" : local;
        }
    }

    public string SenderDomain
    {
        get
        {
            var at = Sender.LastIndexOf('@');
            return at < 0 ? Sender : Sender[(at + 1)..];
        }
    }
}
