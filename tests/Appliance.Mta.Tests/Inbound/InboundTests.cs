using System.Buffers;
using System.Text;
using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Mta.Inbound;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Reception;
using Appliance.Mta.Suppression;
using Appliance.Mta.Tests.Queue.Fakes;
using Appliance.Mta.Tests.Suppression;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Inbound;

public class InboundTests
{
    private readonly SuppressionFixture _f = new();
    private readonly VerpCodec _verp;

    public InboundTests()
    {
        _verp = new VerpCodec(_f.Key);
        _f.Settings.Tenants["t1"] = new TenantFeedbackSettings(SuppressedRecipientAction.Reject, "rp.example", false);
    }

    [Fact]
    public void Return_path_domain_accepts_only_issued_addresses()
    {
        var policy = new InboundAddressPolicy(_verp, _f.Settings);
        var verp = _verp.Encode(new VerpToken(new SpoolId(99), 0), "rp.example");
        Assert.Equal(RecipientDecisionKind.AcceptInbound, policy.Evaluate(Check(verp)).Kind);
        Assert.Equal(RecipientDecisionKind.AcceptInbound, policy.Evaluate(Check("fbl@rp.example")).Kind);
        var refused = policy.Evaluate(Check("someone@rp.example"));
        Assert.Equal((RecipientDecisionKind.Reject, 550, "5.1.1"), (refused.Kind, refused.Reply!.Code, refused.Reply.Enhanced.ToString()));
        var forged = verp.Replace("b-", "b-a", StringComparison.Ordinal);
        Assert.Equal(RecipientDecisionKind.Reject, policy.Evaluate(Check(forged)).Kind);
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(Check("someone@elsewhere.example")).Kind);
    }

    [Fact]
    public async Task Late_bounce_to_a_verp_address_is_correlated_even_with_a_useless_body()
    {
        var events = new ListEventSink();
        var original = new OriginalRecipient("000000000000abcd", "t1", "news@shop.example", "gone@example.com", "m1@shop.example");
        var filter = Filter(events, original);
        var verp = _verp.Encode(new VerpToken(new SpoolId(0xabcd), 0), "rp.example");
        var verdict = await filter.FilterAsync(Inbound(verp, "From: MAILER-DAEMON@mx.example\r\nSubject: failure\r\n\r\nSorry.\r\n"), default);

        Assert.Equal(250, verdict.Reply!.Code);
        var e = Assert.Single(events.Events);
        Assert.Equal((MtaEventType.Oob, "000000000000abcd", "gone@example.com", "t1"), (e.Type, e.MessageId, e.Recipient, e.Tenant));
    }

    [Fact]
    public async Task A_complaint_matched_by_verp_names_the_source_it_was_delivered_from_and_counts_against_it()
    {
        var events = new ListEventSink();
        var original = new OriginalRecipient("000000000000abce", "t1", "news@shop.example", "reader@example.com", "m2@shop.example",
            "ip-a", "127.0.0.2", "mx.example.com");
        var verp = _verp.Encode(new VerpToken(new SpoolId(0xabce), 0), "rp.example");
        var verdict = await Filter(events, original).FilterAsync(Inbound("fbl@rp.example", Arf(verp, "abuse")), default);

        Assert.Equal(250, verdict.Reply!.Code);
        var e = Assert.Single(events.Events);
        Assert.Equal((MtaEventType.Feedback, "000000000000abce", "t1", "ip-a", "mx.example.com", "192.0.2.99"),
            (e.Type, e.MessageId, e.Tenant, e.EgressSource, e.Site, e.EgressIp));
        Assert.True(ComplaintEvent.Is(e));
        Assert.True(_f.List.Find("reader@example.com", "t1", null) is { Reason: SuppressionReason.Complaint });

        var counter = new ComplaintRateCounter(_f.Time, new Appliance.Mta.Egress.EgressConfiguration());
        counter.OnEvent(e);
        Assert.Equal(1, counter.ForSource("ip-a").Complaints);
        Assert.Equal(1, counter.ForTenant("t1").Complaints);

        var withdrawn = new ListEventSink();
        await Filter(withdrawn, original).FilterAsync(Inbound("fbl@rp.example", Arf(verp, "not-spam")), default);
        Assert.False(ComplaintEvent.Is(Assert.Single(withdrawn.Events)));
    }

    private static string Arf(string verp, string type) => $"""
        From: <fbl@isp.example>
        To: <fbl@rp.example>
        Subject: complaint
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="arf-b"

        --arf-b
        Content-Type: text/plain

        This is an email abuse report.
        --arf-b
        Content-Type: message/feedback-report

        Feedback-Type: {type}
        User-Agent: isp-fbl/1.0
        Version: 1
        Original-Mail-From: <{verp}>
        Original-Rcpt-To: <reader@example.com>
        Source-IP: 192.0.2.99

        --arf-b
        Content-Type: text/rfc822-headers

        From: <news@shop.example>
        To: <reader@example.com>
        Subject: offer

        --arf-b--

        """.Replace("\n", "\r\n", StringComparison.Ordinal);

    [Fact]
    public async Task Relayed_mail_passes_inbound_processing_untouched()
    {
        var filter = Filter(new ListEventSink(), null);
        var message = SuppressionPolicyTests.Message("a@example.com");
        Assert.False((await filter.FilterAsync(message, default)).IsStop);
    }

    [Fact]
    public async Task Trace_header_names_the_tenant_and_cannot_be_forged()
    {
        var codec = new TraceHeaderCodec(_f.Key);
        var message = SuppressionPolicyTests.Message("a@example.com");
        await new TraceHeaderFilter(codec).FilterAsync(message, default);
        var text = Encoding.UTF8.GetString(message.Content.ToArray());
        Assert.StartsWith(TraceHeaderCodec.HeaderName + ": ", text, StringComparison.Ordinal);
        var value = text[(TraceHeaderCodec.HeaderName.Length + 2)..text.IndexOf('\r', StringComparison.Ordinal)];
        Assert.Equal("t1", codec.TryDecode(value)?.TenantId);
        Assert.Null(codec.TryDecode(System.Buffers.Text.Base64Url.EncodeToString("t2\n0"u8) + value[value.IndexOf('.', StringComparison.Ordinal)..]));
    }

    private InboundProcessingFilter Filter(ListEventSink events, OriginalRecipient? original) =>
        new(_verp, new TraceHeaderCodec(_f.Key), new FixedLookup(original), new BounceClassifier(), _f.List,
            new UnsubscribeRecorder(new UnsubscribeTokenCodec(_f.Key), _f.List, events, _f.Time), events, _f.Time, NullLogger<InboundProcessingFilter>.Instance);

    private static RecipientCheck Check(string rcpt) => new(null, "", rcpt, false, "192.0.2.1");

    private static ReceptionMessage Inbound(string rcpt, string content) => new(new MessageEnvelope
    {
        MailFrom = "",
        Recipients = [new EnvelopeRecipient(rcpt)],
        TenantId = "default",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "192.0.2.1",
        Inbound = true,
    }, new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(content)));

    private sealed class FixedLookup(OriginalRecipient? original) : IOriginalMessageLookup
    {
        public Task<OriginalRecipient?> FindAsync(VerpToken token, CancellationToken cancellationToken) => Task.FromResult(original);
    }
}
