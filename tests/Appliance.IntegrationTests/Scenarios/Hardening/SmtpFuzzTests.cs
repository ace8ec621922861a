using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Hardening;

/// <summary>
/// Hostile input against the real appliance process: at least 100,000 generated and mutated command lines and
/// DATA/BDAT streams (<see cref="SmtpFuzzer"/>) over many concurrent connections, from a relay host and from an
/// outsider. Afterwards the process is alive, logged no failed session, /healthz answers 200 and a normal
/// message is still delivered. <c>APPLIANCE_FUZZ_LINES</c> scales the run (bench/smtp-fuzz.sh: 1,000,000) and
/// <c>APPLIANCE_FUZZ_REPORT</c> names a file that gets the figures.
/// </summary>
public sealed partial class SmtpFuzzTests(SmtpFuzzTests.Environment env, ITestOutputHelper output) : IClassFixture<SmtpFuzzTests.Environment>
{
    /// <summary>An environment of its own: the fuzz load must not disturb other scenarios' queues.</summary>
    public sealed class Environment : MailEnvironment;

    private static readonly IPAddress Outsider = IPAddress.Parse("127.0.0.9");

    [GeneratedRegex(@"^[2-5][0-9]{2}([ -].*)?$")]
    private static partial Regex ReplyLine();

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Hostile_command_and_data_streams_leave_the_appliance_serving()
    {
        var target = int.TryParse(System.Environment.GetEnvironmentVariable("APPLIANCE_FUZZ_LINES"), CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var workers = Math.Max(4, System.Environment.ProcessorCount * 4);
        var sent = 0L;
        var connections = 0L;
        var negative = 0L;
        var queued = 0L;
        var malformed = new List<string>();
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var fuzzer = new SmtpFuzzer(20261206 + w);
            var i = 0;
            while (Interlocked.Read(ref sent) < target)
            {
                var script = fuzzer.NextScript(maxLines: 40 + (i % 160));
                var from = (w + i++) % 4 == 0 ? Outsider : IPAddress.Loopback;
                var (lines, replies) = await RunConnectionAsync(env.Appliance.Settings.RelayPort, from, script, abrupt: i % 17 == 0);
                Interlocked.Add(ref sent, fuzzer.Lines);
                Interlocked.Increment(ref connections);
                Interlocked.Add(ref negative, replies.Count(r => r.Length > 0 && r[0] is '4' or '5'));
                Interlocked.Add(ref queued, replies.Count(r => r.Contains("queued as", StringComparison.Ordinal)));
                var bad = replies.Where(r => !ReplyLine().IsMatch(r)).ToList();
                if (bad.Count > 0) lock (malformed) malformed.AddRange(bad.Take(3));
                _ = lines;
            }
        })));
        stopwatch.Stop();

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"smtp fuzz: {sent:N0} lines over {connections:N0} connections in {stopwatch.Elapsed.TotalSeconds:F1} s " +
            $"({sent / stopwatch.Elapsed.TotalSeconds:N0} lines/s), {negative:N0} 4xx/5xx replies, {queued:N0} messages queued, {workers} workers");
        output.WriteLine(figures);
        if (System.Environment.GetEnvironmentVariable("APPLIANCE_FUZZ_REPORT") is { Length: > 0 } report)
            await File.WriteAllTextAsync(report, figures + "\n");

        Assert.True(sent >= target, $"only {sent} lines sent");
        Assert.True(queued > 0 && negative > 0, figures); // the streams reached DATA/BDAT and the refusals, not only the greeting
        Assert.True(malformed.Count == 0, "malformed reply lines: " + string.Join(" | ", malformed.Take(10)));
        Assert.True(env.Appliance.IsRunning, "appliance exited\n" + env.Appliance.Tail());
        var log = await File.ReadAllTextAsync(env.Appliance.LogPath);
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.OrdinalIgnoreCase);
        Assert.False(Regex.IsMatch(log, @"SMTP session \w+ failed"), "a session failed:\n" + env.Appliance.Tail(120));

        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            var health = await http.GetAsync($"http://127.0.0.1:{env.Appliance.Settings.HttpPort}/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        var t = TestMessages.Token();
        var to = $"after-fuzz-{t}@{TestZone.Single}";
        var from2 = $"sender-{t}@{TestZone.SenderDomain}";
        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from2, [to],
            TestMessages.Build(from2, to, $"after fuzz {t}", withIdAndDate: true), IPAddress.Loopback);
        Assert.True(result.Accepted, result.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count == 1, TimeSpan.FromSeconds(30)),
            $"not delivered after the fuzz run\n{await env.DiagnosticsAsync()}");
    }

    /// <summary>Writes the script while draining replies, half-closes, and reads to the end (or resets the
    /// connection mid-stream when <paramref name="abrupt"/>). Returns the reply lines read before any TLS reply.</summary>
    private static async Task<(int Lines, List<string> Replies)> RunConnectionAsync(int port, IPAddress from, byte[] script, bool abrupt)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[16384];
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                    if (read == 0) break;
                    received.Write(buffer, 0, read);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        });
        try
        {
            var cut = abrupt ? script.Length / 2 : script.Length;
            for (var offset = 0; offset < cut; offset += 8192)
                await socket.SendAsync(script.AsMemory(offset, Math.Min(8192, cut - offset)), SocketFlags.None, cts.Token);
            if (abrupt)
            {
                socket.LingerState = new LingerOption(true, 0); // RST
                socket.Close();
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed first (too many bad commands, a TLS handshake on junk): expected.
        }
        await reading;
        var text = Encoding.Latin1.GetString(received.ToArray());
        var replies = new List<string>();
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("220 2.0.0", StringComparison.Ordinal)) break; // STARTTLS accepted: TLS records follow
            replies.Add(line);
        }
        if (!text.EndsWith("\r\n", StringComparison.Ordinal) && replies.Count > 0 && !text.Contains("220 2.0.0", StringComparison.Ordinal))
            replies.RemoveAt(replies.Count - 1); // cut by an abrupt close
        return (0, replies);
    }
}
