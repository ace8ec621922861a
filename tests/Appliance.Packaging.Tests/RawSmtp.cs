using System.Net.Sockets;
using System.Text;

namespace Appliance.Packaging.Tests;

/// <summary>A minimal SMTP client over a raw socket (no TLS, no AUTH): enough to relay one message from loopback.</summary>
public static class RawSmtp
{
    public static void Send(int port, string from, string to, string body)
    {
        using var client = new TcpClient("127.0.0.1", port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 30_000;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };

        Expect(reader, "220");
        writer.WriteLine("EHLO packaging.test");
        Expect(reader, "250");
        writer.WriteLine($"MAIL FROM:<{from}>");
        Expect(reader, "250");
        writer.WriteLine($"RCPT TO:<{to}>");
        Expect(reader, "250");
        writer.WriteLine("DATA");
        Expect(reader, "354");
        writer.WriteLine($"From: <{from}>");
        writer.WriteLine($"To: <{to}>");
        writer.WriteLine("Subject: packaging test");
        writer.WriteLine($"Message-ID: <{Guid.NewGuid():N}@packaging.test>");
        writer.WriteLine($"Date: {DateTimeOffset.UtcNow:r}");
        writer.WriteLine();
        writer.WriteLine(body);
        writer.WriteLine(".");
        Expect(reader, "250"); // RFC 5321 §4.1.1.4: 250 after the end-of-data dot means accepted
        writer.WriteLine("QUIT");
        Expect(reader, "221");
    }

    /// <summary>Reads one (possibly multi-line, RFC 5321 §4.2.1) reply and asserts its code.</summary>
    private static void Expect(StreamReader reader, string code)
    {
        string? line;
        do
        {
            line = reader.ReadLine() ?? throw new IOException("connection closed while waiting for " + code);
        } while (line.Length > 3 && line[3] == '-');
        Assert.True(line.StartsWith(code, StringComparison.Ordinal), $"expected {code}, got: {line}");
    }
}
