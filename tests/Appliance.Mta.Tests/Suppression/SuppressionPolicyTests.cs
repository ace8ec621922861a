using System.Buffers;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Mta.Suppression;
using Appliance.Mta.Tests.Queue.Fakes;

namespace Appliance.Mta.Tests.Suppression;

public class SuppressionPolicyTests
{
    private readonly SuppressionFixture _f = new();

    public SuppressionPolicyTests() =>
        _f.List.Add(_f.List.Create("gone@example.com", SuppressionScope.Tenant, "t1", SuppressionReason.HardBounce)!);

    [Fact]
    public void Rcpt_to_suppressed_address_is_rejected_550_571_naming_the_reason()
    {
        var policy = new SuppressionRecipientPolicy(_f.List, _f.Settings);
        var decision = policy.Evaluate(new RecipientCheck("t1", "news@shop.example", "Gone@example.com", true, "127.0.0.1"));
        Assert.Equal(RecipientDecisionKind.Reject, decision.Kind);
        Assert.Equal(550, decision.Reply!.Code);
        Assert.Equal("5.7.1", decision.Reply.Enhanced.ToString());
        Assert.Contains("hard bounce", decision.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(new RecipientCheck("t2", "x@y.example", "gone@example.com", true, "127.0.0.1")).Kind);
    }

    [Fact]
    public void Drop_action_lets_rcpt_through_and_the_filter_removes_the_recipient()
    {
        _f.Settings.Tenants["t1"] = TenantFeedbackSettings.Default with { Action = SuppressedRecipientAction.Drop };
        var policy = new SuppressionRecipientPolicy(_f.List, _f.Settings);
        Assert.Equal(RecipientDecisionKind.Continue, policy.Evaluate(new RecipientCheck("t1", "a@b.example", "gone@example.com", true, "127.0.0.1")).Kind);

        var events = new ListEventSink();
        var filter = new SuppressionDropFilter(_f.List, _f.Settings, events, _f.Time);
        var message = Message("gone@example.com", "ok@example.com");
        var verdict = filter.FilterAsync(message, default).AsTask().Result;
        Assert.False(verdict.IsStop);
        Assert.Equal("ok@example.com", Assert.Single(message.Envelope.Recipients).Address);
        var e = Assert.Single(events.Events);
        Assert.Equal((Appliance.Mta.Events.MtaEventType.Suppression, "gone@example.com"), (e.Type, e.Recipient));
    }

    [Fact]
    public async Task Drop_filter_answers_250_without_queuing_when_no_recipient_remains()
    {
        _f.Settings.Tenants["t1"] = TenantFeedbackSettings.Default with { Action = SuppressedRecipientAction.Drop };
        var filter = new SuppressionDropFilter(_f.List, _f.Settings, new ListEventSink(), _f.Time);
        var verdict = await filter.FilterAsync(Message("gone@example.com"), default);
        Assert.True(verdict.IsStop);
        Assert.Equal(250, verdict.Reply!.Code);
    }

    [Fact]
    public async Task Unsubscribe_headers_go_on_marketing_mail_of_enabled_tenants_only()
    {
        _f.Settings.Tenants["t1"] = new TenantFeedbackSettings(SuppressedRecipientAction.Reject, "rp.example", true);
        var options = Microsoft.Extensions.Options.Options.Create(new SuppressionOptions { PublicBaseUrl = "https://mail.example/" });
        var codec = new UnsubscribeTokenCodec(_f.Key);
        var filter = new UnsubscribeHeaderFilter(codec, _f.Settings, options);

        var marketing = Message("bob@example.com") is var m ? m : null!;
        marketing.Envelope = marketing.Envelope with { Stream = "marketing" };
        await filter.FilterAsync(marketing, default);
        var text = Encoding.UTF8.GetString(marketing.Content.ToArray());
        Assert.StartsWith("List-Unsubscribe: <https://mail.example/unsubscribe/", text, StringComparison.Ordinal);
        Assert.Contains("<mailto:unsubscribe@rp.example?subject=", text, StringComparison.Ordinal);
        Assert.Contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", text, StringComparison.Ordinal);
        var token = text[(text.IndexOf("/unsubscribe/", StringComparison.Ordinal) + 13)..text.IndexOf('>', StringComparison.Ordinal)];
        Assert.Equal(new UnsubscribeToken("t1", "bob@example.com"), codec.TryDecode(token));

        var transactional = Message("bob@example.com");
        await filter.FilterAsync(transactional, default);
        Assert.DoesNotContain("List-Unsubscribe", Encoding.UTF8.GetString(transactional.Content.ToArray()), StringComparison.Ordinal);
    }

    internal static ReceptionMessage Message(params string[] recipients) => new(new MessageEnvelope
    {
        MailFrom = "news@shop.example",
        Recipients = recipients.Select(r => new EnvelopeRecipient(r)).ToList(),
        TenantId = "t1",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "127.0.0.1",
    }, new ReadOnlySequence<byte>("Subject: hi\r\n\r\nbody\r\n"u8.ToArray()));
}
