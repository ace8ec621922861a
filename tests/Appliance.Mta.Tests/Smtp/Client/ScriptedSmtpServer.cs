using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>
/// A loopback SMTP peer that replays a script and records every byte the client sent.
/// Script entries: "250 ok" reads one command line (or, right after a 354, the data up to ".") and sends the
/// reply; "=250 ok" sends without reading; "&lt;read:N&gt;" reads N lines without replying (proves pipelining:
/// a lock-step client would stall); "&lt;read-data&gt;" reads DATA content up to "." without replying (a reply to the
/// dot held back); "&lt;close&gt;" reads a line and closes; "&lt;close-now&gt;" closes at once;
/// "&lt;hang&gt;" reads a line and never answers; a reply ending in "&lt;tls&gt;" is sent, then TLS starts;
/// "&lt;tls-now&gt;" starts TLS at once (implicit TLS).
/// Connections are served one after another from the same script.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<string> _script;
    private readonly ReplyFeed _feed;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _received = new();
    private readonly Task _run;

    public ScriptedSmtpServer(IEnumerable<string> script, ReplyFeed feed = ReplyFeed.Whole, X509Certificate2? certificate = null)
    {
        _script = new Queue<string>(script);
        _feed = feed;
        _certificate = certificate;
        _listener.Start();
        _run = Task.Run(RunAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Connections { get; private set; }

    /// <summary>Everything received so far, decoded as UTF-8 (after TLS: the decrypted bytes).</summary>
    public string Received
    {
        get { lock (_received) return Encoding.UTF8.GetString(_received.ToArray()); }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested && _script.Count > 0)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            Connections++;
            client.NoDelay = true;
            try { await ServeAsync(client); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A peer that breaks the link (or a failed TLS handshake) ends this connection only.
            }
            finally { client.Dispose(); }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Stream stream = client.GetStream();
        var reader = new LineReader(stream, Record);
        var inData = false;
        var greeting = true;
        while (_script.TryDequeue(out var entry))
        {
            if (entry == "<close-now>") return;
            if (entry == "<tls-now>")
            {
                var implicitTls = new SslStream(stream);
                await implicitTls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = implicitTls;
                reader = new LineReader(stream, Record);
                continue;
            }
            if (entry == "<read-data>")
            {
                await reader.ReadDataAsync(_stop.Token);
                inData = false;
                continue;
            }
            if (entry.StartsWith("<read:", StringComparison.Ordinal))
            {
                var n = int.Parse(entry[6..^1], System.Globalization.CultureInfo.InvariantCulture);
                for (var i = 0; i < n; i++) await reader.ReadLineAsync(_stop.Token);
                continue;
            }
            var send = !entry.StartsWith('=');
            if (send && !greeting)
            {
                if (inData) await reader.ReadDataAsync(_stop.Token);
                else await reader.ReadLineAsync(_stop.Token);
            }
            inData = false;
            greeting = false;
            if (entry == "<close>") return;
            if (entry == "<hang>") { await Task.Delay(Timeout.Infinite, _stop.Token); return; }
            var text = send ? entry : entry[1..];
            var tls = text.EndsWith("<tls>", StringComparison.Ordinal);
            if (tls) text = text[..^5];
            await WriteAsync(stream, text + "\r\n");
            if (text.StartsWith("354", StringComparison.Ordinal)) inData = true;
            if (text.StartsWith("221", StringComparison.Ordinal)) return;
            if (tls)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
                stream = ssl;
                reader = new LineReader(stream, Record);
            }
        }
        // Script exhausted: keep the link open until the client closes it.
        try { await reader.ReadLineAsync(_stop.Token); } catch (IOException) { }
    }

    private async Task WriteAsync(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (_feed == ReplyFeed.Whole)
        {
            await stream.WriteAsync(bytes, _stop.Token);
        }
        else
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                await stream.WriteAsync(bytes.AsMemory(i, 1), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (i % 7 == 0) await Task.Yield();
            }
        }
        await stream.FlushAsync(_stop.Token);
    }

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (_received) _received.Write(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _run; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    /// <summary>Reads CRLF lines and DATA content byte-exactly, recording everything.</summary>
    private sealed class LineReader(Stream stream, Action<ReadOnlySpan<byte>> record)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string> ReadLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                var n = await stream.ReadAsync(_one, ct);
                if (n == 0) throw new IOException("client closed");
                record(_one);
                line.Add(_one[0]);
                if (_one[0] == '\n') return Encoding.UTF8.GetString(line.ToArray());
            }
        }

        public async Task ReadDataAsync(CancellationToken ct)
        {
            while (await ReadLineAsync(ct) != ".\r\n") { }
        }
    }
}
