using System.Globalization;

namespace Appliance.Mta.Smtp.Client;

/// <summary>The service extensions a peer listed in its EHLO reply (RFC 5321 §4.1.1.1). Empty after HELO.</summary>
public sealed record EhloCapabilities
{
    /// <summary>No extensions: the peer answered HELO only, or EHLO has not been sent yet.</summary>
    public static readonly EhloCapabilities None = new();

    /// <summary>RFC 2920.</summary>
    public bool Pipelining { get; init; }
    /// <summary>RFC 1870: present when offered; 0 = no fixed limit.</summary>
    public long? Size { get; init; }
    /// <summary>RFC 6152.</summary>
    public bool EightBitMime { get; init; }
    /// <summary>RFC 6531.</summary>
    public bool SmtpUtf8 { get; init; }
    /// <summary>RFC 3461.</summary>
    public bool Dsn { get; init; }
    /// <summary>RFC 3207.</summary>
    public bool StartTls { get; init; }
    /// <summary>RFC 4954 mechanisms, upper-case.</summary>
    public IReadOnlyList<string> AuthMechanisms { get; init; } = [];

    /// <summary>Parses the lines of a 250 EHLO reply; the first line is the peer's domain and greeting.</summary>
    public static EhloCapabilities Parse(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var caps = new EhloCapabilities();
        for (var i = 1; i < reply.Lines.Count; i++)
        {
            var line = reply.Lines[i].Trim();
            var space = line.IndexOfAny([' ', '=']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var args = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            caps = keyword switch
            {
                "PIPELINING" => caps with { Pipelining = true },
                "SIZE" => caps with { Size = long.TryParse(args, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0 },
                "8BITMIME" => caps with { EightBitMime = true },
                "SMTPUTF8" => caps with { SmtpUtf8 = true },
                "DSN" => caps with { Dsn = true },
                "STARTTLS" => caps with { StartTls = true },
                // Some old servers say "AUTH=LOGIN PLAIN"; both spellings are accepted.
                "AUTH" => caps with
                {
                    AuthMechanisms = [.. caps.AuthMechanisms, .. args.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                },
                _ => caps,
            };
        }
        return caps;
    }
}
