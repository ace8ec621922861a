using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A bare SMTP client over a socket: exact bytes out, replies parsed per RFC 5321 §4.2
/// ("ddd-" continuation, "ddd " last line). Optional local bind for source-address tests.
/// </summary>
public sealed class RawSmtpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawSmtpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Per-reply read timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connects (from <paramref name="bindAddress"/> when given) and returns the client; the greeting is not read.</summary>
    public static Task<RawSmtpClient> ConnectAsync(int port, IPAddress? bindAddress = null, CancellationToken ct = default) =>
        ConnectAsync(IPAddress.Loopback, port, bindAddress, ct);

    /// <summary>Connects to <paramref name="remote"/>:<paramref name="port"/>; the greeting is not read.</summary>
    public static async Task<RawSmtpClient> ConnectAsync(IPAddress remote, int port, IPAddress? bindAddress, CancellationToken ct = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (bindAddress is not null)
            {
                socket.Bind(new IPEndPoint(bindAddress, 0));
            }

            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new IPEndPoint(remote, port), cts.Token);
            return new RawSmtpClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Local endpoint (to prove the source address).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Sends raw text (ASCII/Latin-1 bytes, no CRLF added).</summary>
    public async Task SendAsync(string raw, CancellationToken ct = default) =>
        await _stream.WriteAsync(Encoding.Latin1.GetBytes(raw), ct);

    /// <summary>Sends raw bytes.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> raw, CancellationToken ct = default) =>
        await _stream.WriteAsync(raw, ct);

    /// <summary>Sends "<paramref name="command"/>\r\n" and reads one reply.</summary>
    public async Task<SmtpWireReply> CommandAsync(string command, CancellationToken ct = default)
    {
        await SendAsync(command + "\r\n", ct);
        return await ReadReplyAsync(ct);
    }

    /// <summary>Reads one complete reply.</summary>
    public async Task<SmtpWireReply> ReadReplyAsync(CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Timeout);
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cts.Token)
                ?? throw new IOException("connection closed while reading a reply" + (lines.Count > 0 ? $" after: {string.Join(" | ", lines)}" : ""));
            lines.Add(line);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), out var code))
            {
                throw new IOException($"malformed reply line: '{line}'");
            }

            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpWireReply(code, lines);
            }
        }
    }

    /// <summary>Sends the message as DATA content: dot-stuffed (RFC 5321 §4.5.2) and terminated with CRLF.CRLF.</summary>
    public static byte[] DataPayload(string message)
    {
        var sb = new StringBuilder(message.Length + 64);
        foreach (var line in message.Split("\r\n"))
        {
            if (line.StartsWith('.'))
            {
                sb.Append('.');
            }

            sb.Append(line).Append("\r\n");
        }

        // message already ends with CRLF -> Split yields a trailing "" line; drop its CRLF
        if (message.EndsWith("\r\n", StringComparison.Ordinal))
        {
            sb.Length -= 2;
        }

        sb.Append(".\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var idx = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (idx >= 0)
            {
                var len = idx - _start;
                var line = Encoding.Latin1.GetString(_buffer, _start, len > 0 && _buffer[idx - 1] == '\r' ? len - 1 : len);
                _start = idx + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new IOException("reply line too long");
            }

            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
            if (n == 0)
            {
                return null;
            }

            _end += n;
        }
    }
}
