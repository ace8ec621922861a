using System.Net;
using System.Net.Http.Json;
using System.Text;
using Appliance.Web.Tests.Infrastructure;
using MimeKit;

namespace Appliance.Web.Tests.Api;

/// <summary>POST /api/v1/messages in structured form: cc/bcc, attachments, per-recipient variables and ids.</summary>
public sealed class StructuredInjectionTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeEngineFactory _factory;

    public StructuredInjectionTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
    }

    private static MimeMessage Parse(string content) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public async Task Cc_and_bcc_are_in_the_envelope_bcc_not_in_the_headers_and_the_attachment_is_kept()
    {
        var pdf = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10 };

        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com",
            to = new[] { "to@example.net" },
            cc = new[] { "cc@example.net" },
            bcc = new[] { "hidden@example.org" },
            subject = "Invoice",
            text = "See attached.",
            attachments = new[] { new { filename = "invoice.pdf", contentType = "application/pdf", content = Convert.ToBase64String(pdf) } },
            tenantId = "default",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (envelope, content) = Assert.Single(_factory.Sink.Accepted);
        Assert.Equal(["to@example.net", "cc@example.net", "hidden@example.org"], envelope.Recipients.Select(r => r.Address));
        var message = Parse(content);
        Assert.Equal("cc@example.net", message.Cc.Mailboxes.Single().Address);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain("hidden@example.org", content, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("invoice.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var decoded = new MemoryStream();
        attachment.Content!.DecodeTo(decoded);
        Assert.Equal(pdf, decoded.ToArray());
        var recipients = (await response.ReadJsonAsync()).GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(3, recipients.Count);
        Assert.All(recipients, r => Assert.Equal("0A1B2C3D", r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Variables_give_one_substituted_message_per_recipient_with_its_own_id()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com",
            to = new[] { "ann@example.net", "bob@example.net" },
            subject = "Hello {{name}}",
            text = "Dear {{name}}, your code is {{code}} ({{recipient}}).",
            html = "<p>Dear {{name}}</p>",
            variables = new Dictionary<string, Dictionary<string, string>>
            {
                ["ann@example.net"] = new() { ["name"] = "Ann", ["code"] = "A1" },
                ["BOB@example.net"] = new() { ["name"] = "Bob <&>", ["code"] = "B2" },
            },
            tenantId = "default",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = _factory.Sink.Accepted.ToList();
        Assert.Equal(2, sent.Count);
        var ann = Parse(sent[0].Content);
        Assert.Equal("ann@example.net", Assert.Single(sent[0].Envelope.Recipients).Address);
        Assert.Equal("Hello Ann", ann.Subject);
        Assert.Equal("ann@example.net", ann.To.Mailboxes.Single().Address);
        Assert.Contains("Dear Ann, your code is A1 (ann@example.net).", ann.TextBody, StringComparison.Ordinal);
        var bob = Parse(sent[1].Content);
        Assert.Equal("bob@example.net", bob.To.Mailboxes.Single().Address);
        Assert.Contains("Dear Bob &lt;&amp;&gt;", bob.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear Bob <&>, your code is B2", bob.TextBody, StringComparison.Ordinal);
        Assert.NotEqual(ann.MessageId, bob.MessageId);
        var recipients = (await response.ReadJsonAsync()).GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("recipient").GetString()!, r => r.GetProperty("messageId").GetString());
        Assert.Equal(ann.MessageId, recipients["ann@example.net"]);
        Assert.Equal(bob.MessageId, recipients["bob@example.net"]);
    }

    [Fact]
    public async Task Missing_variable_cc_with_variables_and_bad_attachments_are_400_and_nothing_is_queued()
    {
        var client = _factory.CreateAdminClient();
        var missing = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com", to = new[] { "ann@example.net" }, text = "Hi {{name}}",
            variables = new Dictionary<string, Dictionary<string, string>> { ["ann@example.net"] = new() }, tenantId = "default",
        });
        var withCc = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com", to = new[] { "ann@example.net" }, cc = new[] { "c@example.net" }, text = "x",
            variables = new Dictionary<string, Dictionary<string, string>>(), tenantId = "default",
        });
        var badAttachment = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "app@example.com", to = new[] { "ann@example.net" }, text = "x", tenantId = "default",
            attachments = new[] { new { filename = "../x.bin", contentType = "application/octet-stream", content = "AAAA" }, new { filename = "y.bin", contentType = "nonsense", content = "AAAA" }, new { filename = "z.bin", contentType = "text/plain", content = "not base64!" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("{{name}}", (await missing.ReadJsonAsync()).GetProperty("errors").GetProperty("variables")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withCc.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAttachment.StatusCode);
        var errors = (await badAttachment.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("attachments[0].filename", out _));
        Assert.True(errors.TryGetProperty("attachments[1].contentType", out _));
        Assert.True(errors.TryGetProperty("attachments[2].content", out _));
        Assert.Empty(_factory.Sink.Accepted);
    }

    [Fact]
    public async Task Bad_cc_address_is_reported_under_cc()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages",
            new { from = "app@example.com", to = new[] { "a@example.net" }, cc = new[] { "not an address" }, text = "x", tenantId = "default" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("cc", out _));
    }
}
