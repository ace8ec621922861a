using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Builds small RFC 5322 test messages with CRLF line ends and a unique token.</summary>
public static class TestMessages
{
    /// <summary>A unique, lower-case token for addresses and subjects.</summary>
    public static string Token() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// A message with From/To/Subject (and Message-ID/Date when <paramref name="withIdAndDate"/>),
    /// any extra header lines, and a multi-line body that includes a line starting with a dot.
    /// Ends with CRLF.
    /// </summary>
    public static string Build(string from, string to, string subject, bool withIdAndDate, params string[] extraHeaders)
    {
        var sb = new StringBuilder();
        sb.Append("From: <").Append(from).Append(">\r\n");
        sb.Append("To: <").Append(to).Append(">\r\n");
        sb.Append("Subject: ").Append(subject).Append("\r\n");
        if (withIdAndDate)
        {
            sb.Append("Message-ID: <").Append(Token()).Append("@client.example>\r\n");
            sb.Append("Date: Mon, 01 Jan 2024 10:00:00 +0000\r\n");
        }

        foreach (var h in extraHeaders)
        {
            sb.Append(h).Append("\r\n");
        }

        sb.Append("MIME-Version: 1.0\r\n");
        sb.Append("Content-Type: text/plain; charset=us-ascii\r\n");
        sb.Append("\r\n");
        sb.Append("Hello,\r\n");
        sb.Append(".a line that starts with a dot (RFC 5321 4.5.2 transparency)\r\n");
        sb.Append("\r\n");
        sb.Append("  indented line with trailing spaces   \r\n");
        sb.Append("The end.\r\n");
        return sb.ToString();
    }
}
