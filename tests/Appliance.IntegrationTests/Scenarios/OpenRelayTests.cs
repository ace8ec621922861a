using System.Net;
using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// The relay listener relays without AUTH only for RelayHosts (127.0.0.1/32 here): a client
/// connecting from 127.0.0.9 is refused at RCPT with 550 5.7.1 (RFC 5321 §3.6.2, RFC 3463
/// 5.7.1 "delivery not authorized"), the same message from 127.0.0.1 is accepted and delivered.
/// </summary>
public sealed class OpenRelayTests(MailEnvironment env) : IClassFixture<MailEnvironment>
{
    private static readonly IPAddress Outsider = IPAddress.Parse("127.0.0.9");

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task ClientOutsideRelayHosts_WithoutAuth_IsRefusedAtRcpt()
    {
        var t = TestMessages.Token();
        var to = $"relay-{t}@{TestZone.Single}";
        var from = $"outsider-{t}@{TestZone.SenderDomain}";

        await using var c = await RawSmtpClient.ConnectAsync(env.Appliance.Settings.RelayPort, Outsider);
        Assert.Equal(Outsider, c.LocalEndPoint.Address);
        Assert.Equal(220, (await c.ReadReplyAsync()).Code);
        Assert.Equal(250, (await c.CommandAsync("EHLO outsider.example")).Code);
        var mail = await c.CommandAsync($"MAIL FROM:<{from}>");
        Assert.True(mail.Code == 250, $"MAIL: {mail}");
        var rcpt = await c.CommandAsync($"RCPT TO:<{to}>");

        Assert.Equal(550, rcpt.Code);
        Assert.StartsWith("550 5.7.1", rcpt.Lines[^1], StringComparison.Ordinal);
        var data = await c.CommandAsync("DATA");
        Assert.True(data.Code is 503 or 554, $"DATA without accepted recipients must fail: {data}");
        await c.SendAsync("QUIT\r\n");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(env.Sink.MessagesFor(TestZone.SingleMx, to));
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task ClientInsideRelayHosts_WithoutAuth_IsRelayed()
    {
        var t = TestMessages.Token();
        var to = $"relay-{t}@{TestZone.Single}";
        var from = $"insider-{t}@{TestZone.SenderDomain}";

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to],
            TestMessages.Build(from, to, $"insider {t}", withIdAndDate: true), IPAddress.Loopback);

        Assert.Equal(250, result.Rcpts[0].Code);
        Assert.True(result.Accepted, result.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count == 1, TimeSpan.FromSeconds(20)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
        var delivered = env.Sink.MessagesFor(TestZone.SingleMx, to)[0];
        Assert.Equal(from, delivered.MailFrom);
        Assert.Matches(@"\bwith ESMTP\b", RawMessage.Parse(delivered.Data).Value("Received") ?? "");

        // The appliance contract: the 250 to the final dot names the queue id, the id that the
        // event log (and so the admin UI and API) uses for this message.
        Assert.True(await Eventually.TryAsync(() => env.Appliance.Events().Any(e => e.Is("Reception", to)), TimeSpan.FromSeconds(10)),
            "no Reception event");
        var queueId = env.Appliance.Events().First(e => e.Is("Reception", to)).MessageId;
        Assert.False(string.IsNullOrEmpty(queueId), "Reception event without messageId");
        Assert.True(result.EndOfData!.Lines[^1].Contains(queueId, StringComparison.Ordinal),
            $"250 reply '{result.EndOfData}' does not name the queue id '{queueId}' used by the event log");
    }

    [IntegrationFact(MailEnvironment.Requires | Tool.Swaks)]
    public async Task ClientOutsideRelayHosts_WithStartTlsAndAuth_IsRelayed()
    {
        var t = TestMessages.Token();
        var tenant = await env.Appliance.Api.CreateTenantAsync($"relay-auth-{t}");
        await env.Appliance.Api.CreateSmtpCredentialAsync(tenant, $"relay-{t}", $"Pw-{t}!");
        var to = $"authrelay-{t}@{TestZone.Single}";

        var result = await Swaks.RunAsync("--server", $"127.0.0.1:{env.Appliance.Settings.RelayPort}", "--local-interface", Outsider.ToString(),
            "--ehlo", "outsider.example", "--tls", "--auth", "PLAIN", "--auth-user", $"relay-{t}", "--auth-password", $"Pw-{t}!",
            "--from", $"outsider-{t}@{TestZone.SenderDomain}", "--to", to);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count == 1, TimeSpan.FromSeconds(20)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
    }
}
