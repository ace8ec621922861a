using System.Net;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>
/// Runs real <see cref="SmtpSession"/>s over in-memory pipes (no sockets) against recording fakes.
/// One harness = one server context, so AUTH lockout state is shared across its sessions.
/// </summary>
public sealed class SessionHarness
{
    public static readonly IPAddress RelayIp = IPAddress.Parse("127.0.0.1");
    public static readonly IPAddress OutsideIp = IPAddress.Parse("192.0.2.10");

    private SmtpServerContext? _context;

    public SessionHarness(Action<MtaOptions>? configure = null, bool withCertificate = false)
    {
        Options = new MtaOptions { Hostname = "mx.test", DataDir = Path.GetTempPath() };
        configure?.Invoke(Options);
        Credentials.Add("alice", "secret-pw", "tenant-a", stream: "transactional").Add("bob", "bob-pw", "tenant-b");
        if (withCertificate) Certificate = TestCertificate.Instance;
    }

    public MtaOptions Options { get; }
    public RecordingMessageSink Sink { get; } = new();
    public InMemoryCredentialStore Credentials { get; } = new();
    public ListEventSink Events { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));
    public ListLogger Logger { get; } = new();
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; }

    /// <summary>The published settings the sessions read (built from <see cref="Options"/> with the first session); publish changes here.</summary>
    public MtaSettings Settings => _settings ??= new MtaSettings(Options);

    private MtaSettings? _settings;

    internal SmtpServerContext Context => _context ??= new SmtpServerContext(Settings, Sink, Credentials, Events, Time, Logger, Certificate) { RecipientPolicies = [.. RecipientPolicies], SpaceReservations = SpaceReservations };

    /// <summary>The disk guard's reservations for messages in flight (set before the first session).</summary>
    public Appliance.Mta.Policy.ISpaceReservations? SpaceReservations { get; set; }

    /// <summary>Asked at RCPT (set before the first session).</summary>
    public List<Appliance.Mta.Policy.IRecipientPolicy> RecipientPolicies { get; } = [];

    /// <summary>Starts a session; the caller talks to it through the returned client stream.</summary>
    public (DuplexStream Client, Task Session) Start(SmtpListenerKind kind = SmtpListenerKind.Relay, IPAddress? client = null,
        CancellationToken stopping = default, CancellationToken abort = default)
    {
        var (c, s) = DuplexStream.CreatePair();
        var session = new SmtpSession(Context, kind, s, new IPEndPoint(client ?? RelayIp, 40000));
        var task = Task.Run(() => session.RunAsync(stopping, abort));
        return (c, task);
    }

    /// <summary>Feeds the whole script (then end of input) and returns everything the server wrote.</summary>
    public async Task<string> RunScriptAsync(string script, FeedMode mode = FeedMode.Whole,
        SmtpListenerKind kind = SmtpListenerKind.Relay, IPAddress? client = null)
    {
        var (stream, session) = Start(kind, client);
        var reading = ReadAllAsync(stream);
        var bytes = Encoding.UTF8.GetBytes(script);
        switch (mode)
        {
            case FeedMode.Whole:
                await stream.WriteAsync(bytes);
                break;
            case FeedMode.ByteByByte:
                for (var i = 0; i < bytes.Length; i++) await stream.WriteAsync(bytes.AsMemory(i, 1));
                break;
            case FeedMode.LineByLine:
                var start = 0;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] != (byte)'\n') continue;
                    await stream.WriteAsync(bytes.AsMemory(start, i + 1 - start));
                    start = i + 1;
                }
                if (start < bytes.Length) await stream.WriteAsync(bytes.AsMemory(start));
                break;
        }
        stream.CompleteOutput();
        // Hang guard only (a hung session would otherwise block the test run), not a timing assertion.
        await session.WaitAsync(TimeSpan.FromSeconds(30));
        return await reading.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Splits server output into reply lines (without CRLF).</summary>
    public static List<string> Lines(string output)
    {
        var lines = output.Split("\r\n").ToList();
        Assert.Equal("", lines[^1]); // output must end with CRLF
        lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Reply lines with the multi-line EHLO block collapsed to "250 EHLO" for compact assertions.</summary>
    public static List<string> Replies(string output)
    {
        var result = new List<string>();
        foreach (var line in Lines(output))
        {
            if (line.StartsWith("250-", StringComparison.Ordinal)) continue;
            result.Add(line == "250 DSN" ? "250 EHLO" : line);
        }
        return result;
    }

    public static string Base64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}
