using System.Text;

namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>
/// A server reply pre-encoded once to its wire form, so the hot path writes bytes and never
/// formats strings. <see cref="Reply"/> keeps the typed form for events and logs.
/// </summary>
internal sealed class WireReply
{
    public WireReply(SmtpReply reply)
    {
        Reply = reply;
        Bytes = Encoding.UTF8.GetBytes(reply.ToWire());
    }

    public WireReply(int code, string enhanced, string text) : this(new SmtpReply(code, enhanced, text)) { }

    public SmtpReply Reply { get; }

    public byte[] Bytes { get; }

    public int Code => Reply.Code;

    /// <summary>500/501 replies count against the bad-command budget (RFC 5321 §4.2.2 class 50x).</summary>
    public bool IsSyntaxError => Reply.Code is 500 or 501;

    public override string ToString() => Reply.ToString();
}
