using System.Net;
using System.Net.Http.Json;
using Appliance.Mta.Smtp;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Api;

public sealed class MessagesEndpointsTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeMessageSink _sink;
    private readonly FakeEngineFactory _factory;

    public MessagesEndpointsTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
        _sink = factory.Sink;
    }

    [Fact]
    public async Task Composed_message_is_handed_to_the_sink_and_returns_202_with_queue_id()
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages", new
        {
            from = "sender@example.com",
            to = new[] { "rcpt@example.net" },
            subject = "Hello",
            text = "Plain body",
            html = "<p>HTML body</p>",
            headers = new Dictionary<string, string> { ["X-Campaign"] = "spring", ["Reply-To"] = "reply@example.com" },
            tenantId = "default",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("0A1B2C3D", body.GetProperty("id").GetString());
        var (envelope, content) = Assert.Single(_sink.Accepted);
        Assert.Equal("sender@example.com", envelope.MailFrom);
        Assert.Equal("rcpt@example.net", Assert.Single(envelope.Recipients).Address);
        Assert.Equal("default", envelope.TenantId);
        Assert.Equal("spring", envelope.Campaign);
        Assert.Equal(body.GetProperty("messageId").GetString(), envelope.MessageIdHeader);
        Assert.Contains("Subject: Hello\r\n", content);
        Assert.Contains("Reply-To: reply@example.com", content);
        Assert.Contains("multipart/alternative", content);
        Assert.DoesNotContain("X-Campaign", content);
        Assert.DoesNotContain("\n", content.Replace("\r\n", ""));
    }

    [Fact]
    public async Task Raw_message_gets_crlf_and_a_message_id()
    {
        var raw = "From: a@example.com\nTo: b@example.net\nSubject: raw\n\nline1\nline2\n";

        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages",
            new { from = "a@example.com", to = new[] { "b@example.net" }, raw, tenantId = "default" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (envelope, content) = Assert.Single(_sink.Accepted);
        Assert.Contains("line1\r\nline2\r\n", content);
        Assert.Contains("Message-Id:", content, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(envelope.MessageIdHeader));
        Assert.Equal(BodyType.SevenBit, envelope.Body);
    }

    [Theory]
    [InlineData(452, "4.3.1", HttpStatusCode.InsufficientStorage)]
    [InlineData(451, "4.3.0", HttpStatusCode.ServiceUnavailable)]
    [InlineData(554, "5.7.1", HttpStatusCode.UnprocessableEntity)]
    public async Task Sink_refusal_maps_to_problem_status(int code, string enhanced, HttpStatusCode expected)
    {
        _sink.Reply = new SmtpReply(code, enhanced, "nope");

        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages",
            new { from = "a@example.com", to = new[] { "b@example.net" }, text = "x", tenantId = "default" });

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).GetProperty("smtpCode").GetInt32());
    }

    [Theory]
    [InlineData("not-an-address", "b@example.net", "default", "from")]
    [InlineData("a@example.com", "b@", "default", "to")]
    [InlineData("a@example.com", "b@example.net", null, "tenantId")]
    [InlineData("a@example.com", "b@example.net", "no-such-tenant", "tenantId")]
    public async Task Bad_input_returns_400_and_reaches_no_sink(string from, string to, string? tenantId, string field)
    {
        var response = await _factory.CreateAdminClient().PostAsJsonAsync("/api/v1/messages",
            new { from, to = new[] { to }, text = "x", tenantId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(_sink.Accepted);
    }

    [Fact]
    public void Queue_id_is_the_last_word_of_the_reply()
    {
        Assert.Equal("XYZ", Appliance.Web.Api.MessagesEndpoints.QueueIdOf(new SmtpReply(250, "2.0.0", "Ok: queued as <XYZ>")));
    }
}
