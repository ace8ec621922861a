using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the relay port from several connections with unique Message-IDs and records exactly
/// which ones got "250" after the final dot. Survives the server disappearing: a broken
/// connection is dropped (its in-flight message is not counted) and re-established.
/// Each message carries X-Body-Sha256 so the receiver can check the body arrived intact. <paramref name="host"/> is
/// the server's address (127.0.0.1 by default; a cluster node's own 127.0.0.x).
/// </summary>
public sealed class LoadGenerator(int port, string token, string recipientDomain, int total, int connections, int bodyBytes, System.Net.IPAddress? host = null)
{
    private int _next;
    private int _errors;
    private int _rejected;

    /// <summary>Message-IDs (with angle brackets) that got 250 to end-of-data.</summary>
    public ConcurrentDictionary<string, byte> Accepted { get; } = new();

    /// <summary>Connection/protocol errors seen (expected around each crash).</summary>
    public int Errors => _errors;

    /// <summary>Messages that got a negative reply somewhere (4xx/5xx).</summary>
    public int Rejected => _rejected;

    /// <summary>Messages started so far.</summary>
    public int Started => Math.Min(Volatile.Read(ref _next), total);

    /// <summary>The Message-ID of message <paramref name="i"/>.</summary>
    public string MessageId(int i) => $"<{token}.{i}@load.example>";

    /// <summary>Runs until every message was tried once or <paramref name="ct"/> fires.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, connections).Select(w => Task.Run(() => WorkerAsync(w, ct), ct)));

    /// <summary>Checks that a delivered message's body matches its X-Body-Sha256 header.</summary>
    public static bool BodyIntact(RawMessage m) =>
        m.Value("X-Body-Sha256") is { } sha && sha == Sha(m.Body);

    private static string Sha(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.Latin1.GetBytes(body)));

    private string Build(int i)
    {
        var body = new StringBuilder();
        var line = 0;
        while (body.Length < bodyBytes)
        {
            body.Append($"{token} message {i:D6} line {line++:D4} ").Append('x', 40).Append("\r\n");
        }

        var b = body.ToString();
        return $"From: <load-{token}@{TestZone.SenderDomain}>\r\nTo: <rcpt{i % 7}@{recipientDomain}>\r\n" +
               $"Subject: load {token} {i}\r\nMessage-ID: {MessageId(i)}\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\n" +
               $"X-Body-Sha256: {Sha(b)}\r\n\r\n{b}";
    }

    private async Task WorkerAsync(int worker, CancellationToken ct)
    {
        RawSmtpClient? c = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref _next) - 1;
                if (i >= total)
                {
                    return;
                }

                try
                {
                    c ??= await ConnectAsync(ct);
                    if (c is null)
                    {
                        return;
                    }

                    if (await SendOneAsync(c, i, ct))
                    {
                        Accepted.TryAdd(MessageId(i), 0);
                    }
                    else
                    {
                        Interlocked.Increment(ref _rejected);
                        await c.DisposeAsync();
                        c = null;
                    }
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _errors);
                    if (c is not null)
                    {
                        await c.DisposeAsync();
                    }

                    c = null;
                }
            }
        }
        finally
        {
            if (c is not null)
            {
                await c.DisposeAsync();
            }
        }
    }

    private async Task<RawSmtpClient?> ConnectAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var c = host is null ? await RawSmtpClient.ConnectAsync(port, null, ct) : await RawSmtpClient.ConnectAsync(host, port, null, ct);
                c.Timeout = TimeSpan.FromSeconds(20);
                var greeting = await c.ReadReplyAsync(ct);
                if (greeting.Code == 220 && (await c.CommandAsync("EHLO load.example", ct)).Code == 250)
                {
                    return c;
                }

                await c.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _errors);
            }

            await Task.Delay(200, ct);
        }

        return null;
    }

    private async Task<bool> SendOneAsync(RawSmtpClient c, int i, CancellationToken ct)
    {
        if ((await c.CommandAsync($"MAIL FROM:<load-{token}@{TestZone.SenderDomain}>", ct)).Code != 250)
        {
            return false;
        }

        if ((await c.CommandAsync($"RCPT TO:<rcpt{i % 7}@{recipientDomain}>", ct)).Code != 250)
        {
            return false;
        }

        if ((await c.CommandAsync("DATA", ct)).Code != 354)
        {
            return false;
        }

        await c.SendAsync(RawSmtpClient.DataPayload(Build(i)), ct);
        return (await c.ReadReplyAsync(ct)).Code == 250;
    }
}
