using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Queue.Fakes;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Reception;

/// <summary>
/// A large message from smtplib through the real listener, the reception pipeline and the queue into the segment
/// spool: the filters see an in-memory head plus a spill file, the spool holds every byte, the temporary file is gone.
/// </summary>
public sealed class LargeMessageEndToEndTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "large-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>Adds a header (as the trace and DKIM filters do) and records what it saw.</summary>
    private sealed class HeaderAddingFilter : IReceptionFilter
    {
        public int Order => 500;
        public List<(long Head, long Spilled, long Total)> Seen { get; } = [];

        public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
        {
            Seen.Add((message.Content.Length, message.Spill?.Length ?? 0, message.Length));
            message.Content = LinkedSegment.Prepend(Encoding.ASCII.GetBytes("X-Filter: seen\r\n"), message.Content);
            return ValueTask.FromResult(ReceptionVerdict.Continue);
        }
    }

    [Fact]
    public async Task Five_megabyte_message_is_spooled_intact_through_head_and_spill()
    {
        var options = new MtaOptions { Hostname = "mx.test", DataDir = _dataDir };
        options.Smtp.Relay = "127.0.0.1:0";
        options.Smtp.Submission = "";
        options.Smtp.Smtps = "";
        options.Smtp.InMemoryMessageBytes = 64 * 1024;
        var spoolDir = Path.Combine(_dataDir, "spool");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var spool = new SegmentSpool(spoolDir, NullLogger<SegmentSpool>.Instance);
        var queue = new TestQueue(spool, new SpoolIdGenerator(time), new Appliance.Mta.Tests.Queue.Fakes.ListEventSink(), new FixedTenantDirectory(), options, time).Acceptor;
        await queue.RecoverAsync(default);
        var filter = new HeaderAddingFilter();
        await using (var host = new SmtpServerHost(Options.Create(options), new ReceptionPipeline(queue, [filter]), new InMemoryCredentialStore(),
            new Appliance.Mta.Tests.Smtp.Server.Fakes.ListEventSink(), TimeProvider.System, new ListLogger(), TestCertificate.Instance))
        {
            await host.StartAsync(CancellationToken.None);
            const string script = """
                import smtplib, sys
                body = b''.join(b'line %07d of the large message body, dots follow\r\n..\r\n' % i for i in range(90000))
                msg = b'From: a@example.com\r\nTo: b@example.org\r\nSubject: large\r\n\r\n' + body
                s = smtplib.SMTP(sys.argv[1], int(sys.argv[2]))
                s.sendmail('a@example.com', ['b@example.org'], msg)
                s.quit()
                print(len(msg))
                """;
            var sent = long.Parse(await PythonSmtp.RunAsync(script, host.Endpoints["relay"], TimeSpan.FromMinutes(2)), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(sent > 5_000_000);
        }
        await spool.DisposeAsync();

        var seen = Assert.Single(filter.Seen);
        Assert.True(seen.Head <= 64 * 1024 + 1024, $"head {seen.Head}");
        Assert.True(seen.Spilled > 5_000_000);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDir, "tmp")));

        await using var reopened = new SegmentSpool(spoolDir, NullLogger<SegmentSpool>.Instance);
        var stored = Assert.Single(await reopened.RecoverAsync(default));
        using var content = reopened.ReadContent(stored.Location);
        var text = Encoding.ASCII.GetString(content.Memory.Span);
        Assert.StartsWith("X-Filter: seen\r\nReceived: from ", text, StringComparison.Ordinal);
        Assert.EndsWith("line 0089999 of the large message body, dots follow\r\n..\r\n", text, StringComparison.Ordinal); // dot-unstuffed: ".." sent as "..." by smtplib
        Assert.Equal(seen.Total + "X-Filter: seen\r\n".Length, content.Memory.Length);
    }
}
