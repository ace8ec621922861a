using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Appliance.Web.Tests.Infrastructure;

namespace Appliance.Web.Tests.Api;

/// <summary>
/// Issue 16: mail injected over HTTP got <c>Message-Id: &lt;…@machine-name&gt;</c> (MimeKit's default) even after the
/// hostname was set; the generated id now names the appliance's current hostname, changed without a restart.
/// </summary>
public sealed partial class InjectedMessageIdHostnameTests : IClassFixture<FakeEngineFactory>
{
    private readonly FakeEngineFactory _factory;

    public InjectedMessageIdHostnameTests(FakeEngineFactory factory)
    {
        _factory = factory;
        _factory.Reset();
    }

    [Fact]
    public async Task A_generated_message_id_uses_the_hostname_set_at_run_time()
    {
        var admin = _factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/settings", new Dictionary<string, string> { ["hostname"] = "mta-16.example.org" })).StatusCode);

        var response = await admin.PostAsJsonAsync("/api/v1/messages", new
        {
            from = "a@example.com",
            to = new[] { "b@example.net" },
            raw = "From: a@example.com\nTo: b@example.net\nSubject: id\n\nbody\n",
            tenantId = "default",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (envelope, content) = Assert.Single(_factory.Sink.Accepted);
        Assert.Matches(MessageIdHeader(), content);
        Assert.EndsWith("@mta-16.example.org", envelope.MessageIdHeader!.Trim('<', '>'), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?im)^Message-Id: <[^@>]+@mta-16\.example\.org>\r$")]
    private static partial Regex MessageIdHeader();
}
