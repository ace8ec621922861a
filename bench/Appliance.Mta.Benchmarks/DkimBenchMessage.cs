using System.Buffers;
using System.Text;

namespace Appliance.Mta.Benchmarks;

/// <summary>The 4 KB newsletter-shaped message every DKIM benchmark signs (BenchmarkDotNet rows and <c>dkim-cpu</c>).</summary>
internal static class DkimBenchMessage
{
    public static ReadOnlySequence<byte> Create()
    {
        var body = new StringBuilder();
        while (body.Length < 4096) body.Append("The quick brown fox jumps over the lazy dog, again and again.\r\n");
        return new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(
            "From: News <news@example.com>\r\nTo: user@example.net\r\nSubject: Weekly digest\r\n" +
            "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\nList-Unsubscribe: <https://example.com/u/1>\r\n" +
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\n" + body));
    }
}
