using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Storage;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Diagnostics;

/// <summary>The disk guard counts the space of messages in flight (declared SIZE, or bytes received so far).</summary>
public sealed class DiskGuardReservationTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _time = new();
    private DiskSpace _space = new(FreeBytes: 1000 * MiB, TotalBytes: 100_000 * MiB);

    private DiskGuard Guard() =>
        new("/data", new DiskGuardOptions { MinFreeBytes = 100 * MiB, MinFreePercent = 0 }, _ => { },
            _time, NullLogger<DiskGuard>.Instance, _ => _space);

    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Fact]
    public void A_reservation_that_would_cross_the_threshold_is_refused_and_nothing_is_counted()
    {
        var guard = Guard();

        Assert.True(guard.TryReserve(800 * MiB));
        Assert.False(guard.TryReserve(101 * MiB)); // 1000 - 800 - 101 < 100
        Assert.Equal(800 * MiB, guard.Reserved);
        Assert.True(guard.TryReserve(100 * MiB)); // exactly to the threshold
        guard.Release(900 * MiB);
        Assert.Equal(0, guard.Reserved);
        Assert.False(guard.IsLow); // reservations never raise the low-disk alert by themselves
    }

    [Fact]
    public void Mail_and_rcpt_are_refused_while_reservations_cross_the_threshold()
    {
        var guard = Guard();
        Assert.True(guard.TryReserve(850 * MiB));
        _space = new DiskSpace(900 * MiB, 100_000 * MiB); // written bytes now measured too
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(452, guard.EvaluateMailFrom("a@example.com", "192.0.2.1")!.Code);
        Assert.Equal(RecipientDecisionKind.Reject, guard.Evaluate(new RecipientCheck(null, "a@example.com", "b@example.org", true, "192.0.2.1")).Kind);
        Assert.False(guard.IsLow);

        guard.Release(850 * MiB);
        Assert.Null(guard.EvaluateMailFrom("a@example.com", "192.0.2.1"));
        Assert.Equal(RecipientDecisionKind.Continue, guard.Evaluate(new RecipientCheck(null, "a@example.com", "b@example.org", true, "192.0.2.1")).Kind);
    }

    private SessionHarness Harness(DiskGuard guard) => new(o =>
    {
        o.DataDir = Path.Combine(Path.GetTempPath(), "reserve-" + Guid.NewGuid().ToString("N"));
        o.Smtp.InMemoryMessageBytes = 64 * 1024;
        o.Smtp.MaxMessageSize = 2000 * MiB;
    })
    { SpaceReservations = guard };

    private static string Body(int kib) =>
        "Subject: x\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('z', 998) + "\r\n", kib));

    [Fact]
    public async Task Declared_size_over_the_free_space_gets_452_4_3_1_at_mail()
    {
        var guard = Guard();
        var h = Harness(guard);

        var output = await h.RunScriptAsync(Script("EHLO c.example", $"MAIL FROM:<a@example.com> SIZE={901 * MiB}", $"MAIL FROM:<a@example.com> SIZE={899 * MiB}", "QUIT"));

        Assert.Equal(["452 4.3.1 Insufficient system storage, try again later", "250 2.1.0 Sender ok"], SessionHarness.Replies(output)[2..4]);
        Assert.Equal(0, guard.Reserved); // released when the session ended
    }

    [Fact]
    public async Task A_concurrent_transaction_holding_space_makes_the_next_mail_get_452_until_it_ends()
    {
        var guard = Guard();
        var h = Harness(guard);
        var (first, session) = h.Start();
        await first.WriteAsync(System.Text.Encoding.ASCII.GetBytes(Script("EHLO c.example", $"MAIL FROM:<a@example.com> SIZE={600 * MiB}")));
        for (var i = 0; i < 3000 && guard.Reserved == 0; i++) await Task.Delay(10); // the first session's MAIL is in
        Assert.Equal(600 * MiB, guard.Reserved);

        var refused = await h.RunScriptAsync(Script("EHLO c.example", $"MAIL FROM:<b@example.com> SIZE={400 * MiB}", "QUIT"));
        Assert.Equal("452 4.3.1 Insufficient system storage, try again later", SessionHarness.Replies(refused)[2]);

        await first.WriteAsync("RSET\r\nQUIT\r\n"u8.ToArray());
        first.CompleteOutput();
        await session.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, guard.Reserved);
        var accepted = await h.RunScriptAsync(Script("EHLO c.example", $"MAIL FROM:<b@example.com> SIZE={400 * MiB}", "QUIT"));
        Assert.Equal("250 2.1.0 Sender ok", SessionHarness.Replies(accepted)[2]);
    }

    [Fact]
    public async Task Data_without_size_past_the_free_space_is_read_to_the_end_then_refused_with_452_and_nothing_stays_reserved()
    {
        _space = new DiskSpace(103 * MiB, 100_000 * MiB); // 3 MiB above the threshold
        var guard = Guard();
        var h = Harness(guard);

        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA")
            + Body(5 * 1024) + ".\r\nNOOP\r\n");

        Assert.Equal(["452 4.3.1 Insufficient system storage, try again later", "250 2.0.0 Ok"], SessionHarness.Replies(output)[^2..]);
        Assert.Empty(h.Sink.Messages);
        Assert.Equal(0, guard.Reserved);
        Assert.Empty(Directory.GetFiles(h.Context.SpillDirectory));
    }

    [Fact]
    public async Task Reservations_are_released_after_250_rset_refusal_and_disconnect()
    {
        var guard = Guard();
        var h = Harness(guard);

        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com> SIZE=5000", "RCPT TO:<b@example.org>", "DATA") + Body(300) + ".\r\nQUIT\r\n");
        Assert.Single(h.Sink.Messages);
        Assert.Equal(0, guard.Reserved);

        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com> SIZE=5000", "RSET", "QUIT"));
        Assert.Equal(0, guard.Reserved);

        h.Sink.ForcedReply = new Appliance.Mta.Smtp.SmtpReply(554, "5.7.1", "no");
        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + Body(300) + ".\r\nQUIT\r\n");
        Assert.Equal(0, guard.Reserved);

        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA") + Body(3000)); // connection lost inside DATA
        Assert.Equal(0, guard.Reserved);

        await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com> SIZE=9000", "RCPT TO:<b@example.org>", "BDAT 2000")); // lost inside BDAT
        Assert.Equal(0, guard.Reserved);
    }

    [Fact]
    public async Task The_listener_wires_the_disk_guard_as_reservations()
    {
        _space = new DiskSpace(150 * MiB, 100_000 * MiB);
        var guard = Guard();
        var options = new Appliance.Mta.Configuration.MtaOptions { Hostname = "mx.test", DataDir = Path.GetTempPath() };
        options.Smtp.Relay = "127.0.0.1:0";
        options.Smtp.Submission = "";
        options.Smtp.Smtps = "";
        await using var host = new SmtpServerHost(Options.Create(options), new RecordingMessageSink(), new InMemoryCredentialStore(), new ListEventSink(),
            TimeProvider.System, new ListLogger(), TestCertificate.Instance, [guard]);
        await host.StartAsync(CancellationToken.None);
        const string script = """
            import smtplib, sys
            a = smtplib.SMTP(sys.argv[1], int(sys.argv[2])); a.ehlo('c.example')
            b = smtplib.SMTP(sys.argv[1], int(sys.argv[2])); b.ehlo('c.example')
            out = [a.mail('a@example.com', ['SIZE=%d' % (40 * 1024 * 1024)])[0]]
            code, msg = b.mail('b@example.com', ['SIZE=%d' % (40 * 1024 * 1024)])
            out += [code, msg.decode().split(' ')[0]]
            a.rset()
            out.append(b.mail('b@example.com', ['SIZE=%d' % (40 * 1024 * 1024)])[0])
            print(' '.join(str(x) for x in out))
            a.quit(); b.quit()
            """;
        var output = await PythonSmtp.RunAsync(script, host.Endpoints["relay"], TimeSpan.FromMinutes(1));
        Assert.Equal("250 452 4.3.1 250", output);
    }
}
