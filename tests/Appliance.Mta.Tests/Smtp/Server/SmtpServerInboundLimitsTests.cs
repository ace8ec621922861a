using Appliance.Mta.Configuration;
using Appliance.Mta.Policy;
using Appliance.Mta.Smtp.Server;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>
/// Inbound addresses (bounces, ARF, reports) take mail from anyone without AUTH, so they have their own size limit and
/// per-IP concurrency limit. Driven by Python's smtplib against the real listener; loopback is not a relay host here,
/// so the client is as untrusted as any Internet MTA.
/// </summary>
public sealed class SmtpServerInboundLimitsTests
{
    private sealed class InboundDomainPolicy : IRecipientPolicy
    {
        public RecipientDecision Evaluate(in RecipientCheck check) =>
            check.Recipient.EndsWith("@bounces.example", StringComparison.Ordinal) ? RecipientDecision.Inbound : RecipientDecision.Continue;
    }

    private static async Task<(SmtpServerHost Host, RecordingMessageSink Sink)> StartAsync(Action<MtaOptions> configure)
    {
        var options = new MtaOptions { Hostname = "mx.test", DataDir = Path.Combine(Path.GetTempPath(), "inbound-limits-" + Guid.NewGuid().ToString("N")) };
        options.Smtp.Relay = "127.0.0.1:0";
        options.Smtp.Submission = "";
        options.Smtp.Smtps = "";
        options.Smtp.RelayHosts = [];
        configure(options);
        var sink = new RecordingMessageSink();
        var host = new SmtpServerHost(Options.Create(options), sink, new InMemoryCredentialStore(), new ListEventSink(), TimeProvider.System,
            new ListLogger(), TestCertificate.Instance, [new InboundDomainPolicy()]);
        await host.StartAsync(CancellationToken.None);
        return (host, sink);
    }

    [Fact]
    public async Task Declared_size_over_the_inbound_limit_is_refused_at_rcpt_with_552_and_relay_size_still_applies_elsewhere()
    {
        var (host, sink) = await StartAsync(o => o.Inbound.MaxMessageSize = 100_000);
        await using var _ = host;
        // smtplib sends SIZE=<length> on its own when the server offers SIZE (RFC 1870).
        const string script = """
            import smtplib, sys
            s = smtplib.SMTP(sys.argv[1], int(sys.argv[2]))
            s.ehlo('reporter.example')
            big = b'Subject: report\r\n\r\n' + b'x' * 70 + b'\r\n'
            big = big * 2000
            code1, _ = s.mail('mailer-daemon@reporter.example', ['SIZE=%d' % len(big)])
            code2, msg2 = s.rcpt('b-token@bounces.example')
            s.rset()
            small = b'Subject: report\r\n\r\nsmall\r\n'
            s.mail('mailer-daemon@reporter.example', ['SIZE=%d' % len(small)])
            code3, _ = s.rcpt('b-token@bounces.example')
            code4, _ = s.data(small)
            print(code1, code2, msg2.decode().split(' ')[0], code3, code4)
            s.quit()
            """;
        var output = await PythonSmtp.RunAsync(script, host.Endpoints["relay"], TimeSpan.FromMinutes(1));
        Assert.Equal("250 552 5.3.4 250 250", output);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task Data_beyond_the_inbound_limit_without_size_gets_552_at_the_end()
    {
        var (host, sink) = await StartAsync(o => o.Inbound.MaxMessageSize = 100_000);
        await using var _ = host;
        const string script = """
            import smtplib, sys
            s = smtplib.SMTP(sys.argv[1], int(sys.argv[2]))
            s.ehlo('reporter.example')
            s.mail('mailer-daemon@reporter.example')
            s.rcpt('b-token@bounces.example')
            code, msg = s.data(b'Subject: report\r\n\r\n' + (b'y' * 70 + b'\r\n') * 2000)
            print(code, msg.decode().split(' ')[0])
            s.quit()
            """;
        var output = await PythonSmtp.RunAsync(script, host.Endpoints["relay"], TimeSpan.FromMinutes(1));
        Assert.Equal("552 5.3.4", output);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task Inbound_transactions_beyond_the_per_ip_limit_get_451_4_7_0_until_one_ends()
    {
        var (host, sink) = await StartAsync(o => o.Inbound.MaxConcurrentPerIp = 2);
        await using var _ = host;
        const string script = """
            import smtplib, sys, time
            def conn():
                s = smtplib.SMTP(sys.argv[1], int(sys.argv[2]))
                s.ehlo('reporter.example')
                s.mail('mailer-daemon@reporter.example')
                return s
            a, b, c = conn(), conn(), conn()
            out = [a.rcpt('x1@bounces.example')[0], b.rcpt('x2@bounces.example')[0]]
            code, msg = c.rcpt('x3@bounces.example')
            out += [code, msg.decode().split(' ')[0]]
            out.append(a.rcpt('x4@bounces.example')[0])   # a second recipient of a held transaction needs no new slot
            out.append(a.data(b'Subject: r\r\n\r\nreport\r\n')[0])  # ends a's transaction: its slot is free
            out.append(c.rcpt('x3@bounces.example')[0])
            b.close()                                       # a dropped connection frees its slot too
            d = conn()
            for _ in range(100):                            # the server sees the close asynchronously
                code = d.rcpt('x5@bounces.example')[0]
                if code == 250: break
                time.sleep(0.05)
            out.append(code)
            print(' '.join(str(x) for x in out))
            for s in (a, c, d): s.quit()
            """;
        var output = await PythonSmtp.RunAsync(script, host.Endpoints["relay"], TimeSpan.FromMinutes(1));
        Assert.Equal("250 250 451 4.7.0 250 250 250 250", output);
        Assert.Single(sink.Messages);
    }
}
