using System.Text.RegularExpressions;

namespace Appliance.Mta.Bounces.Parsing;

/// <summary>
/// Sendmail's "Transcript of session follows" (V5 and later): per remote host a "While talking to host:" section with
/// the command sent (<c>&gt;&gt;&gt; RCPT To:&lt;a@b&gt;</c>), the remote server's reply (<c>&lt;&lt;&lt; 550 ...</c>) and
/// Sendmail's own status line per recipient (<c>554 &lt;a@b&gt;... Remote protocol error</c>). One transcript may
/// carry several recipients and hosts, so the text after an address runs into the next recipient's errors; this
/// reader gives each recipient its own status line plus the remote reply that caused it.
/// </summary>
internal static partial class SendmailTranscript
{
    /// <summary>
    /// The diagnostic of <paramref name="address"/> when the notice names it first on a Sendmail status line of a
    /// transcript: "own text: remote reply" (the remote reply's code first in line for <see cref="StatusText"/>),
    /// else null (the caller reads the text after the address).
    /// </summary>
    public static string? Diagnostic(string text, string address)
    {
        var first = text.IndexOf(address, StringComparison.OrdinalIgnoreCase);
        if (first < 0) return null;
        var transcript = TranscriptMarkerRegex().Match(text);
        if (!transcript.Success || transcript.Index > first) return null;
        var pending = new List<string>();
        foreach (var raw in text[transcript.Index..].Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (WhileTalkingRegex().IsMatch(line))
            {
                pending.Clear();
                continue;
            }
            if (line.StartsWith("<<<", StringComparison.Ordinal))
            {
                pending.Add(line[3..].Trim());
                continue;
            }
            var status = StatusLineRegex().Match(line);
            if (!status.Success) continue;
            // The remote reply belongs to the first recipient status line after it (RFC 5321 §4.2: one reply per command).
            var remote = string.Join(' ', pending);
            pending.Clear();
            if (!status.Groups["address"].Value.Equals(address, StringComparison.OrdinalIgnoreCase)) continue;
            var own = status.Groups["text"].Value.Trim();
            // The remote server's reply comes first, so its code is the one read (Sendmail's own 554 is a summary).
            return remote.Length > 0 ? $"{remote} ({own})" : $"{status.Groups["code"].Value} {own}";
        }
        return null;
    }

    [GeneratedRegex(@"^[ \t-]*Transcript of session follows", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TranscriptMarkerRegex();

    [GeneratedRegex(@"^\.*\s*while talking to .*:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WhileTalkingRegex();

    [GeneratedRegex(@"^(?<code>[245]\d\d)[ \-](?:\d\.\d{1,3}\.\d{1,3} )?<?(?<address>[^<>\s]+@[^<>\s]+?)>?\.\.\.\s*(?<text>.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StatusLineRegex();
}
