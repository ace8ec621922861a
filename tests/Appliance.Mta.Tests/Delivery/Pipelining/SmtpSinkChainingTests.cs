using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Appliance.Mta.Events;
using Appliance.Mta.Tests.Bounces.Postfix;
using Appliance.Mta.Tests.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Delivery.Pipelining;

/// <summary>
/// End to end into Postfix's smtp-sink (it offers PIPELINING, so transactions are chained), killed with SIGKILL in the
/// middle and restarted: every message arrives, and only a message that was deferred (never got its 250) may arrive twice.
/// </summary>
public sealed partial class SmtpSinkChainingTests
{
    private const int Count = 300;

    [PostfixFact]
    public async Task Every_message_arrives_once_through_a_sink_killed_in_the_middle()
    {
        var dump = Directory.CreateTempSubdirectory("chain-sink-").FullName;
        Process.Start("chmod", ["777", dump])!.WaitForExit();
        var port = PythonPeer.FreeLoopbackPort();
        var sink = StartSink(dump, port);
        try
        {
            await using var h = await ShapingHarness.StartAsync(o =>
            {
                o.Delivery.Port = port;
                o.Delivery.MaxConnectionsPerSite = 1; // items pile up behind the busy connection: they go chained
                o.Delivery.RetryInterval = TimeSpan.FromSeconds(1);
            });
            // Bursts of 10 with a pause between them, so the kill below falls in the middle of the stream.
            var producer = Task.Run(async () =>
            {
                for (var i = 0; i < Count; i++)
                {
                    await h.SendAsync("sender@example.com", $"r{i}@gmail.test");
                    if (i % 10 == 9) await Task.Delay(100);
                }
            });

            await WaitForAsync(() => Dumps(dump).Count >= Count / 5, TimeSpan.FromSeconds(20));
            sink.Kill();
            await sink.WaitForExitAsync();
            var beforeKill = h.Events.Events.Count(e => e.Type == MtaEventType.Delivery);
            sink.Dispose();
            await Task.Delay(300);
            sink = StartSink(dump, port);
            await producer;
            await WaitForAsync(() => h.Events.Events.Count(e => e.Type == MtaEventType.Delivery) >= Count, TimeSpan.FromSeconds(60));
            await Task.Delay(500); // time for a duplicate, if any

            Assert.True(beforeKill < Count, $"the kill came after all {Count} deliveries");
            var delivered = h.Events.Events.Where(e => e.Type == MtaEventType.Delivery).ToList();
            Assert.Equal(Count, delivered.Count);
            Assert.Equal(Count, delivered.Select(e => e.Recipient).Distinct().Count());
            var received = Dumps(dump);
            Assert.Equal(Count, received.Distinct().Count());
            // A duplicate is possible only for a message whose 250 the kill cut off: it was deferred, never delivered twice.
            var deferred = h.Events.Events.Where(e => e.Type == MtaEventType.TransientFailure).Select(e => e.Recipient).ToHashSet();
            Assert.All(received.GroupBy(r => r).Where(g => g.Count() > 1), g => Assert.Contains($"r{g.Key}@gmail.test", deferred));
        }
        finally
        {
            if (!sink.HasExited) sink.Kill();
            sink.Dispose();
            Directory.Delete(dump, true);
        }
    }

    private static Process StartSink(string dump, int port)
    {
        var p = Process.Start(new ProcessStartInfo("/usr/sbin/smtp-sink",
            ["-u", "nobody", "-d", Path.Combine(dump, "%M."), $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "100"]))!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", port);
                return p;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException("smtp-sink did not listen");
    }

    /// <summary>The recipient number of every dumped message ("r17@gmail.test" gives 17), one entry per file.</summary>
    private static List<int> Dumps(string dir)
    {
        var list = new List<int>();
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (IOException) { continue; }
            if (RecipientPattern().Match(text) is { Success: true } m) list.Add(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        return list;
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !done()) await Task.Delay(50);
    }

    [GeneratedRegex(@"To: <r(\d+)@gmail\.test>")]
    private static partial Regex RecipientPattern();
}
