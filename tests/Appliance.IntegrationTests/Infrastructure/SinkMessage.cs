using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>One message accepted by the aiosmtpd sink: the exact DATA bytes and the envelope.</summary>
public sealed record SinkMessage(string ListenAddress, int Sequence, string MailFrom, IReadOnlyList<string> RcptTos, string? Peer, byte[] Data)
{
    /// <summary>The DATA bytes as Latin-1 text (byte-preserving), for header searches.</summary>
    public string Text => Encoding.Latin1.GetString(Data);

    /// <summary>True when the header section contains <paramref name="needle"/> (case-sensitive).</summary>
    public bool Contains(string needle) => Text.Contains(needle, StringComparison.Ordinal);

    /// <summary>Parses the DATA bytes with MimeKit.</summary>
    public MimeKit.MimeMessage Parse() => MimeKit.MimeMessage.Load(new MemoryStream(Data));
}
