using Appliance.Mta.Policy;
using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>Recipient policies at RCPT time, and relay hosts changed while the server runs.</summary>
public sealed class SmtpSessionPolicyTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private sealed class FixedPolicy(Func<RecipientCheck, RecipientDecision> decide) : IRecipientPolicy
    {
        public List<RecipientCheck> Seen { get; } = [];

        public RecipientDecision Evaluate(in RecipientCheck check)
        {
            Seen.Add(check);
            return decide(check);
        }
    }

    [Fact]
    public async Task Reject_decision_gives_the_policy_reply_and_other_recipients_still_pass()
    {
        var h = new SessionHarness();
        var policy = new FixedPolicy(c => c.Recipient.StartsWith("blocked", StringComparison.Ordinal)
            ? RecipientDecision.Reject(new SmtpReply(550, "5.7.1", "Recipient suppressed: hard bounce"), "suppressed")
            : RecipientDecision.Continue);
        h.RecipientPolicies.Add(policy);

        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@s.example>", "RCPT TO:<blocked@d.example>", "RCPT TO:<ok@d.example>", "QUIT"));

        Assert.Equal(["250 2.1.0 Sender ok", "550 5.7.1 Recipient suppressed: hard bounce", "250 2.1.5 Recipient ok"], Replies(output)[2..5]);
        Assert.Equal("default", policy.Seen[0].TenantId);
        Assert.True(policy.Seen[0].Authenticated);
        Assert.Contains(h.Events.Events, e => e.Type == Appliance.Mta.Events.MtaEventType.Rejection && e.Recipient == "blocked@d.example");
    }

    [Fact]
    public async Task AcceptInbound_lets_an_outside_client_deliver_to_the_appliance_and_marks_the_envelope()
    {
        var h = new SessionHarness();
        h.RecipientPolicies.Add(new FixedPolicy(c => c.Recipient.EndsWith("@bounces.example", StringComparison.Ordinal) ? RecipientDecision.Inbound : RecipientDecision.Continue));

        var output = await h.RunScriptAsync(Script("EHLO mx.remote", "MAIL FROM:<>", "RCPT TO:<b-123@bounces.example>", "RCPT TO:<other@d.example>",
            "DATA", "Subject: bounce", "", "body", ".", "QUIT"), client: OutsideIp);

        var replies = Replies(output);
        Assert.Equal("250 2.1.5 Recipient ok", replies[3]);
        Assert.StartsWith("452 4.5.3", replies[4]); // relay recipients never share an inbound transaction
        var (envelope, _) = Assert.Single(h.Sink.Messages);
        Assert.True(envelope.Inbound);
        Assert.Equal(["b-123@bounces.example"], envelope.Recipients.Select(r => r.Address));
    }

    [Fact]
    public async Task Outside_client_without_an_inbound_decision_is_still_refused_relay()
    {
        var h = new SessionHarness();
        h.RecipientPolicies.Add(new FixedPolicy(_ => RecipientDecision.Continue));

        var output = await h.RunScriptAsync(Script("EHLO mx.remote", "MAIL FROM:<a@s.example>", "RCPT TO:<x@d.example>", "QUIT"), client: OutsideIp);

        Assert.Equal("550 5.7.1 Relaying denied", Replies(output)[3]);
    }

    [Fact]
    public async Task Relay_hosts_replaced_at_run_time_apply_to_the_next_connection()
    {
        var h = new SessionHarness();
        var script = Script("EHLO c.example", "MAIL FROM:<a@s.example>", "RCPT TO:<x@d.example>", "QUIT");
        Assert.Equal("550 5.7.1 Relaying denied", Replies(await h.RunScriptAsync(script, client: OutsideIp))[3]);

        Assert.Empty(h.Settings.TryPublish(o => o with { Smtp = o.Smtp with { RelayHosts = ["192.0.2.0/24"] } }));

        Assert.Equal("250 2.1.5 Recipient ok", Replies(await h.RunScriptAsync(script, client: OutsideIp))[3]);
        Assert.Equal("550 5.7.1 Relaying denied", Replies(await h.RunScriptAsync(script, client: RelayIp))[3]);
    }
}
