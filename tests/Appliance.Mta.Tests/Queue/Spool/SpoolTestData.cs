using System.Buffers;
using System.Text;
using Appliance.Mta.Messages;
namespace Appliance.Mta.Tests.Queue.Spool;

internal static class SpoolTestData
{
    public static MessageEnvelope Envelope(string from = "sender@example.org", params string[] to) => new()
    {
        MailFrom = from,
        Recipients = (to.Length == 0 ? ["rcpt@example.com"] : to).Select(a => new EnvelopeRecipient(a)).ToList(),
        TenantId = "default",
        ReceivedAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        ClientAddress = "127.0.0.1",
        Campaign = "spring",
        EnvId = "env-1",
        Ret = Appliance.Mta.Smtp.DsnReturn.Headers,
    };

    public static ReadOnlySequence<byte> Content(int i, int size = 4096)
    {
        var header = $"Subject: message {i}\r\nMessage-ID: <{i}@test>\r\n\r\n";
        var body = new StringBuilder(header);
        while (body.Length < size) body.Append("line of body text ").Append(i).Append("\r\n");
        return new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(body.ToString()));
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "spooltest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
