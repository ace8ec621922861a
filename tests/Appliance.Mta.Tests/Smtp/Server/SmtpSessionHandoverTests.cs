using Appliance.Mta.Smtp;
using Appliance.Mta.Tests.Smtp.Server.Fakes;
using static Appliance.Mta.Tests.Smtp.Server.Fakes.SessionHarness;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>
/// Draining a node (issue 19): the receiving side of the SMTP hand-over (tenant from the internal identity, campaign
/// and stream from the stripped headers, the envelope's DSN parameters kept, marked handed over) and the draining
/// node's 421 4.3.2 at connect.
/// </summary>
public class SmtpSessionHandoverTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Fact]
    public async Task Handover_identity_files_the_message_under_its_tenant_campaign_and_stream_with_the_envelope_intact()
    {
        var h = new SessionHarness();
        h.Credentials.Add("cluster-handover/tenant-x", "the-cluster-secret", "tenant-x", handover: true);
        var output = await h.RunScriptAsync(Script("EHLO node-c.example", "AUTH PLAIN " + Base64("\0cluster-handover/tenant-x\0the-cluster-secret"),
            "MAIL FROM:<news@x.example> RET=HDRS ENVID=env-42", "RCPT TO:<a@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@example.org",
            "RCPT TO:<b@example.org> NOTIFY=NEVER", "DATA",
            "X-Campaign: spring", "X-Stream: marketing", "From: <news@x.example>", "Subject: hi", "", "body", ".", "QUIT"));
        Assert.Equal("235 2.7.0 Authentication successful", Replies(output)[2]);
        var (env, text) = h.Sink.Single();
        Assert.Equal("tenant-x", env.TenantId);
        Assert.Equal("spring", env.Campaign);
        Assert.Equal("marketing", env.Stream);
        Assert.True(env.HandedOver);
        Assert.Equal("env-42", env.EnvId);
        Assert.Equal(DsnReturn.Headers, env.Ret);
        Assert.Equal(["a@example.org", "b@example.org"], env.Recipients.Select(r => r.Address));
        Assert.Equal(DsnNotify.Success | DsnNotify.Failure, env.Recipients[0].Notify);
        Assert.Equal("rfc822;a@example.org", env.Recipients[0].ORcpt);
        Assert.Equal(DsnNotify.Never, env.Recipients[1].Notify);
        Assert.DoesNotContain("X-Campaign", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Stream", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_credential_is_not_marked_handed_over()
    {
        var h = new SessionHarness();
        await h.RunScriptAsync(Script("EHLO c.example", "AUTH PLAIN " + Base64("\0bob\0bob-pw"),
            "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA", "Subject: x", "", "x", ".", "QUIT"));
        Assert.False(h.Sink.Single().Envelope.HandedOver);
    }

    [Fact]
    public async Task A_draining_server_answers_421_4_3_2_instead_of_the_greeting()
    {
        var h = new SessionHarness();
        h.Context.Draining = true;
        var output = await h.RunScriptAsync(Script("EHLO c.example", "MAIL FROM:<a@example.com>"));
        var replies = Replies(output);
        Assert.Single(replies);
        Assert.StartsWith("421 4.3.2 ", replies[0], StringComparison.Ordinal);
        Assert.Empty(h.Sink.Messages);

        h.Context.Draining = false;
        output = await h.RunScriptAsync(Script("QUIT"));
        Assert.StartsWith("220 ", Replies(output)[0], StringComparison.Ordinal);
    }
}
