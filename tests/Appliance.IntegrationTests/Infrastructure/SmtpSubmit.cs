using System.Net;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Sends one message over a plain connection without AUTH (the relay listener).</summary>
public static class SmtpSubmit
{
    /// <summary>
    /// Greeting, EHLO, MAIL, one RCPT per recipient, then DATA when at least one RCPT got 250.
    /// Returns every reply; never throws on a negative reply.
    /// </summary>
    public static async Task<SubmitResult> SendAsync(
        int port, string from, IReadOnlyList<string> recipients, string message, IPAddress? bindAddress = null, string? mailParameters = null)
    {
        await using var c = await RawSmtpClient.ConnectAsync(port, bindAddress);
        var greeting = await c.ReadReplyAsync();
        Assert.True(greeting.Code == 220, $"greeting: {greeting}");
        var ehlo = await c.CommandAsync("EHLO client.example");
        Assert.True(ehlo.Code == 250, $"EHLO: {ehlo}");
        var mail = await c.CommandAsync($"MAIL FROM:<{from}>" + (mailParameters is null ? "" : " " + mailParameters));
        var rcpts = new List<SmtpWireReply>();
        if (mail.Code == 250)
        {
            foreach (var r in recipients)
            {
                rcpts.Add(await c.CommandAsync($"RCPT TO:<{r}>"));
            }
        }

        SmtpWireReply? data = null, end = null;
        if (rcpts.Any(r => r.Code is 250 or 251))
        {
            data = await c.CommandAsync("DATA");
            if (data.Code == 354)
            {
                await c.SendAsync(RawSmtpClient.DataPayload(message));
                end = await c.ReadReplyAsync();
            }
        }

        await c.SendAsync("QUIT\r\n");
        return new SubmitResult(mail, rcpts, data, end);
    }

    /// <summary>The bytes a sink should see for <paramref name="message"/> (what DATA carries, unstuffed).</summary>
    public static byte[] Bytes(string message) => Encoding.Latin1.GetBytes(message);
}
