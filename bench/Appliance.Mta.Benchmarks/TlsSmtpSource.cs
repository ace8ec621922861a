using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// <c>tls-source</c>: Postfix's smtp-source with STARTTLS, for the TLS variant of bench/relay.sh and bench/postfix-tls.sh
/// (smtp-source itself has no TLS). Each of <c>-s</c> sessions connects once, says EHLO, STARTTLS (RFC 3207, any
/// certificate accepted: the bench's servers use self-signed ones), EHLO again and sends its share of <c>-m</c>
/// messages of <c>-l</c> bytes to <c>-r</c> recipients each (<c>&lt;seq&gt;user@domain</c>, unique like smtp-source -N),
/// one transaction at a time, then QUIT. Exit code 0 when every message got 250, 1 otherwise.
/// One process for the whole load (a process per domain, as smtp-source runs, would pay the runtime's start-up ten
/// times): <c>-D d</c> spreads the messages over d domains, <c>{d}</c> in <c>-t</c> being replaced by n mod d.
/// Usage: tls-source -s 50 -m 20000 -l 4096 -r 1 -D 10 -f sender@bench-client.example -t 'user@rcpt-dom{d}.example' 127.0.0.1:2525
/// </summary>
internal static class TlsSmtpSource
{
    public static async Task<int> RunAsync(string[] args)
    {
        int sessions = 1, messages = 1, size = 4096, rcpts = 1, domains = 1;
        string from = "sender@bench-client.example", to = "user@rcpt-dom0.example", target = "127.0.0.1:25";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-s": sessions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "-m": messages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "-l": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "-r": rcpts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "-D": domains = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "-f": from = args[++i]; break;
                case "-t": to = args[++i]; break;
                default: target = args[i]; break;
            }
        }
        var colon = target.LastIndexOf(':');
        var host = target[..colon];
        var port = int.Parse(target[(colon + 1)..], CultureInfo.InvariantCulture);
        var body = Body(size);
        var next = -1;
        var failures = 0;
        var sw = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, Math.Min(sessions, messages)).Select(async _ =>
        {
            try
            {
                await using var session = await Session.OpenAsync(host, port);
                int n;
                while ((n = Interlocked.Increment(ref next)) < messages)
                {
                    if (!await session.SendAsync(from, Recipients(to, n, rcpts, domains), body)) Interlocked.Increment(ref failures);
                }
                await session.QuitAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or InvalidOperationException)
            {
                Console.Error.WriteLine($"tls-source: {e.Message}");
                Interlocked.Increment(ref failures);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tls-source: {messages} messages in {sw.Elapsed.TotalSeconds:F2} s, {failures} failures"));
        return failures == 0 && next >= messages ? 0 : 1;
    }

    // With -D d, message n goes to domain "dom{n % d}" put in place of "{d}" in -t (e.g. user@rcpt-dom{d}.example).
    private static IEnumerable<string> Recipients(string to, int n, int count, int domains)
    {
        var address = to.Replace("{d}", (n % domains).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        for (var i = 0; i < count; i++) yield return $"{n * count + i}{address}";
    }

    private static byte[] Body(int size)
    {
        var sb = new StringBuilder("From: <sender@bench-client.example>\r\nTo: <user@example>\r\nSubject: benchmark message\r\n\r\n");
        var line = new string('x', 78) + "\r\n";
        while (sb.Length < size) sb.Append(line);
        sb.Append(".\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private sealed class Session : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private Stream _stream;
        private StreamReader _reader;

        private Session(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
            _reader = new StreamReader(_stream, Encoding.ASCII, false, 4096, leaveOpen: true);
        }

        public static async Task<Session> OpenAsync(string host, int port)
        {
            var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(host, port);
            var s = new Session(tcp);
            await s.ExpectAsync(220);
            await s.CommandAsync("EHLO bench-client.example", 250);
            await s.CommandAsync("STARTTLS", 220);
            var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host });
            s._stream = tls;
            s._reader = new StreamReader(tls, Encoding.ASCII, false, 4096, leaveOpen: true);
            await s.CommandAsync("EHLO bench-client.example", 250);
            return s;
        }

        public async Task<bool> SendAsync(string from, IEnumerable<string> recipients, byte[] body)
        {
            if (await CommandAsync($"MAIL FROM:<{from}>") != 250) return await ResetAsync();
            foreach (var r in recipients)
            {
                if (await CommandAsync($"RCPT TO:<{r}>") != 250) return await ResetAsync();
            }
            if (await CommandAsync("DATA") != 354) return await ResetAsync();
            await _stream.WriteAsync(body);
            await _stream.FlushAsync();
            return await ReadReplyAsync() == 250;
        }

        public async Task QuitAsync() => await CommandAsync("QUIT");

        private async Task<bool> ResetAsync()
        {
            await CommandAsync("RSET");
            return false;
        }

        private async Task ExpectAsync(int code)
        {
            var got = await ReadReplyAsync();
            if (got != code) throw new InvalidOperationException($"expected {code}, got {got}");
        }

        private async Task CommandAsync(string line, int expect)
        {
            var got = await CommandAsync(line);
            if (got != expect) throw new InvalidOperationException($"{line}: expected {expect}, got {got}");
        }

        private async Task<int> CommandAsync(string line)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            await _stream.FlushAsync();
            return await ReadReplyAsync();
        }

        private async Task<int> ReadReplyAsync()
        {
            while (true)
            {
                var l = await _reader.ReadLineAsync() ?? throw new IOException("connection closed");
                if (l.Length < 4 || l[3] != '-') return int.Parse(l.AsSpan(0, 3), CultureInfo.InvariantCulture);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stream.DisposeAsync();
            _tcp.Dispose();
        }
    }
}
