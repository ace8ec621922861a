using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Bounces.Postfix;

/// <summary>
/// A throw-away Postfix instance in a temp directory (its own main.cf/master.cf, queue and data; no system
/// configuration), listening on a loopback port, relaying everything to an smtp-sink that rejects RCPT (-f: "500 5.3.0",
/// -r: "450 4.3.0" with a zero queue lifetime, so Postfix gives up at once), and sending its DSNs (for sender.test) to a
/// second smtp-sink that dumps them to files. <see cref="BounceAsync"/> returns the DSN Postfix wrote.
/// </summary>
internal sealed class PostfixBouncer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _smtpdPort;
    private readonly List<Process> _sinks = [];
    private bool _started;

    private PostfixBouncer(string dir, int smtpdPort)
    {
        _dir = dir;
        _smtpdPort = smtpdPort;
    }

    /// <summary>Starts Postfix and the sinks; <paramref name="reject"/> is smtp-sink's "-f RCPT" (hard) or "-r RCPT" (soft).</summary>
    public static async Task<PostfixBouncer> StartAsync(string reject)
    {
        var dir = Directory.CreateTempSubdirectory("pf-dsn-").FullName;
        foreach (var sub in new[] { "conf", "queue", "data", "dump" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        int smtpd = PythonPeer.FreeLoopbackPort(), rejecting = PythonPeer.FreeLoopbackPort(), dump = PythonPeer.FreeLoopbackPort();
        var bouncer = new PostfixBouncer(dir, smtpd);
        var transport = "inline:{ sender.test=smtp:[127.0.0.1]:" + dump.ToString(System.Globalization.CultureInfo.InvariantCulture) + " }";
        await File.WriteAllTextAsync(Path.Combine(dir, "conf", "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {dir}/queue
            data_directory = {dir}/data
            mail_owner = postfix
            setgid_group = postdrop
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = pf.test
            mydomain = pf.test
            myorigin = pf.test
            mydestination =
            alias_maps =
            alias_database =
            local_recipient_maps =
            relayhost = [127.0.0.1]:{rejecting}
            transport_maps = {transport}
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject
            smtp_dns_support_level = disabled
            maximal_queue_lifetime = 0
            bounce_queue_lifetime = 0
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "conf", "master.cf"), $"""
            127.0.0.1:{smtpd} inet n - n - - smtpd
            pickup unix n - n 60 1 pickup
            cleanup unix n - n - 0 cleanup
            qmgr unix n - n 300 1 qmgr
            rewrite unix - - n - - trivial-rewrite
            bounce unix - - n - 0 bounce
            defer unix - - n - 0 bounce
            trace unix - - n - 0 bounce
            verify unix - - n - 1 verify
            flush unix n - n 1000? 0 flush
            proxymap unix - - n - - proxymap
            smtp unix - - n - - smtp
            relay unix - - n - - smtp
            showq unix n - n - - showq
            error unix - - n - - error
            retry unix - - n - - error
            discard unix - - n - - discard
            anvil unix - - n - 1 anvil
            scache unix - - n - 1 scache
            """);
        await RunAsync("chmod", "755", dir); // the postfix and nobody users must reach the queue and dump folders
        await RunAsync("chown", "postfix", Path.Combine(dir, "data"));
        await RunAsync("chown", "nobody", Path.Combine(dir, "dump"));
        bouncer._sinks.Add(Sink("-u", "nobody", reject, "RCPT", $"127.0.0.1:{rejecting}", "10"));
        bouncer._sinks.Add(Sink("-u", "nobody", "-d", Path.Combine(dir, "dump", "%M."), $"127.0.0.1:{dump}", "10"));
        await RunAsync("/usr/sbin/postfix", "-c", Path.Combine(dir, "conf"), "start");
        bouncer._started = true;
        foreach (var port in new[] { smtpd, rejecting, dump })
            if (!await WaitForPortAsync(port)) throw new InvalidOperationException($"nothing listens on 127.0.0.1:{port}");
        return bouncer;
    }

    /// <summary>Sends one message from alice@sender.test to <paramref name="recipient"/> and returns the DSN Postfix sent back (CRLF).</summary>
    public async Task<byte[]> BounceAsync(string recipient)
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", _smtpdPort);
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await ExpectAsync(reader, "220");
            foreach (var (command, code) in new[] { ("EHLO client.test", "250"), ("MAIL FROM:<alice@sender.test>", "250"), ($"RCPT TO:<{recipient}>", "250"), ("DATA", "354") })
            {
                await writer.WriteLineAsync(command);
                await ExpectAsync(reader, code);
            }
            await writer.WriteAsync($"From: alice@sender.test\r\nTo: {recipient}\r\nSubject: postfix dsn\r\nMessage-ID: <pf-1@sender.test>\r\n\r\nHello\r\n.\r\n");
            await ExpectAsync(reader, "250");
            await writer.WriteLineAsync("QUIT");
        }
        var dump = Path.Combine(_dir, "dump");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var file = Directory.EnumerateFiles(dump).FirstOrDefault();
            if (file is not null)
            {
                await Task.Delay(200); // smtp-sink writes the file whole at end of DATA; give it a moment to close
                var text = (await File.ReadAllTextAsync(file)).Replace("\r\n", "\n", StringComparison.Ordinal);
                // smtp-sink's dump starts with its own X-Client-* lines, then the message as received (LF).
                return Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Postfix sent no DSN within 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started) await RunAsync("/usr/sbin/postfix", "-c", Path.Combine(_dir, "conf"), "stop");
        foreach (var sink in _sinks)
        {
            if (!sink.HasExited) sink.Kill();
            await sink.WaitForExitAsync();
            sink.Dispose();
        }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<bool> WaitForPortAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    private static async Task ExpectAsync(StreamReader reader, string code)
    {
        string? line;
        do
        {
            line = await reader.ReadLineAsync() ?? throw new IOException("postfix closed the connection");
        } while (line.Length > 3 && line[3] == '-');
        if (!line.StartsWith(code, StringComparison.Ordinal)) throw new InvalidOperationException($"postfix said '{line}', expected {code}");
    }

    private static Process Sink(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/sbin/smtp-sink") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("smtp-sink did not start");
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}");
    }
}
