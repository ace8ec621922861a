using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Mta.Tests.Delivery.Pipelining;

/// <summary>
/// A loopback SMTP peer that offers PIPELINING (RFC 2920) and serves any number of connections at once. It can hold
/// back its reply to a final dot until the client's next command has arrived (<see cref="HoldBackDots"/>): a client
/// that waits for that reply before sending its next MAIL stalls until its own timeout. <see cref="DotReply"/> picks
/// the reply to each dot (e.g. a 421, after which the sink closes). Records every transaction per connection.
/// </summary>
internal sealed class PipeliningSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _greet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _accept;
    private int _connections;
    private int _dots;
    private int _dotsWithBytesBehind;
    private int _lockStepViolations;

    public PipeliningSink(bool pipelining = true)
    {
        Pipelining = pipelining;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public bool Pipelining { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The first this many dots (counted over all connections) are answered only once the next command is in.</summary>
    public int HoldBackDots { get; set; }

    /// <summary>The reply to the n-th dot (0-based, over all connections); "250 2.0.0 queued" unless it returns another.</summary>
    public Func<int, string?> DotReply { get; set; } = _ => null;

    /// <summary>Hold the 220 greeting until <see cref="ReleaseGreeting"/>.</summary>
    public bool HoldGreeting { get; set; }

    public void ReleaseGreeting() => _greet.TrySetResult();

    /// <summary>Every transaction seen, in order.</summary>
    public ConcurrentQueue<SinkTransaction> Transactions { get; } = new();

    /// <summary>Messages the sink accepted (250 to the dot).</summary>
    public IReadOnlyList<SinkTransaction> Delivered => Transactions.Where(t => t.Accepted).ToList();

    /// <summary>Dots whose reply was held until the next command group had arrived behind them.</summary>
    public int DotsWithGroupBehind { get; private set; }

    /// <summary>Dots that were already followed by more bytes when the sink read them (sent in the same write).</summary>
    public int DotsWithBytesBehind => Volatile.Read(ref _dotsWithBytesBehind);

    /// <summary>Without PIPELINING: commands that arrived before the reply to the one before them was sent.</summary>
    public int LockStepViolations => Volatile.Read(ref _lockStepViolations);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var id = Interlocked.Increment(ref _connections);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try { await ServeAsync(client, id); }
                        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
                    }
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        client.NoDelay = true;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        async Task Say(string text)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
        if (HoldGreeting) await _greet.Task.WaitAsync(_stop.Token);
        await Say("220 sink.test ESMTP");
        string? from = null;
        var rcpts = new List<string>();
        string? pending = null;
        while (true)
        {
            var line = pending ?? await reader.ReadLineAsync(_stop.Token);
            pending = null;
            if (line is null) return;
            // A command read while the next one is already in: the client did not wait for this reply.
            if (reader.Buffered > 0 && !Pipelining) Interlocked.Increment(ref _lockStepViolations);
            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await Say(Pipelining ? "250-sink.test\r\n250-PIPELINING\r\n250-SIZE 10485760\r\n250 8BITMIME" : "250-sink.test\r\n250-SIZE 10485760\r\n250 8BITMIME");
                    break;
                case "MAIL":
                    from = line;
                    rcpts.Clear();
                    await Say("250 2.1.0 ok");
                    break;
                case "RCPT":
                    rcpts.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                    await Say("250 2.1.5 ok");
                    break;
                case "DATA":
                    await Say("354 go ahead");
                    var subject = "";
                    while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        if (data.StartsWith("Subject: ", StringComparison.Ordinal)) subject = data[9..];
                    var n = Interlocked.Increment(ref _dots) - 1;
                    // The dot and what follows it arrived together (one write by the client).
                    if (reader.Buffered > 0) Interlocked.Increment(ref _dotsWithBytesBehind);
                    if (n < HoldBackDots)
                    {
                        // Do not answer the dot until the client has sent what comes after it (RFC 2920 §3.1 lets it).
                        pending = await reader.ReadLineAsync(_stop.Token);
                        if (pending is null) return;
                        if (pending.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase)) DotsWithGroupBehind++;
                    }
                    var reply = DotReply(n) ?? "250 2.0.0 queued";
                    Transactions.Enqueue(new SinkTransaction(connection, string.Join(',', rcpts), subject, reply, pending is not null && pending.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase)));
                    await Say(reply);
                    if (reply.StartsWith("421", StringComparison.Ordinal))
                    {
                        // RFC 5321 §3.8: 421 and close; a group sent behind the dot is dropped unanswered.
                        return;
                    }
                    break;
                case "QUIT":
                    await Say("221 2.0.0 bye");
                    return;
                default:
                    await Say("250 2.0.0 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        _stop.Dispose();
    }

    /// <summary>Reads CRLF lines through its own buffer, so it can tell whether more bytes are already in.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public int Buffered => _end - _start;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0) return null;
                }
                var b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r') line.RemoveAt(line.Count - 1);
                    return Encoding.Latin1.GetString(line.ToArray());
                }
                line.Add(b);
            }
        }
    }
}
