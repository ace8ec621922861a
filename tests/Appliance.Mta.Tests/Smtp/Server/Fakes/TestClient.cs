using System.Net.Security;
using System.Text;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>A minimal interactive SMTP client over any stream (in-memory or socket), with STARTTLS.</summary>
public sealed class TestClient(Stream stream) : IAsyncDisposable
{
    private Stream _stream = stream;
    private readonly List<byte> _pending = [];

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// <summary>Reads one complete (possibly multi-line) reply; returns its last line.</summary>
    public async Task<string> ReadReplyAsync()
    {
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new EndOfStreamException("server closed");
            if (line.Length < 4 || line[3] == ' ') return line;
        }
    }

    public async Task<string?> ReadLineAsync()
    {
        var buffer = new byte[1];
        while (true)
        {
            var nl = _pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString(_pending.GetRange(0, nl + 1).ToArray());
                _pending.RemoveRange(0, nl + 1);
                Assert.EndsWith("\r\n", line);
                return line[..^2];
            }
            var n = await _stream.ReadAsync(buffer);
            if (n == 0) return null;
            _pending.Add(buffer[0]);
        }
    }

    public async Task StartTlsAsync()
    {
        Assert.Empty(_pending);
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "mx.test" });
        _stream = ssl;
    }

    public SslStream? Ssl => _stream as SslStream;

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
