using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// A DKIM key rotated end to end against dnsmasq: the first key published → mail verifies (python3-dkim, keys fetched
/// from dnsmasq) → "rotate now" → the next record published (dnsmasq restarted) → signing switches → the old
/// selector is retired after the grace period, and mail signed before and after the switch verifies.
/// The rotation scan runs every second and the grace period is eight seconds (Appliance:Dkim:* settings).
/// </summary>
public sealed class DkimRotationTests(DkimRotationTests.Environment env) : IClassFixture<DkimRotationTests.Environment>
{
    private const string Domain = "dkim.test";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(8);

    /// <summary>The standard environment with a fast rotation schedule.</summary>
    public sealed class Environment : MailEnvironment
    {
        protected override ApplianceSettings Customize(ApplianceSettings s) => s with
        {
            ExtraArguments =
            [
                .. s.ExtraArguments,
                "--Appliance:Dkim:RotationScanInterval=00:00:01",
                $"--Appliance:Dkim:GracePeriod={Grace:c}",
            ],
        };
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task Rotation_publishes_switches_and_retires_while_mail_before_and_after_verifies()
    {
        var api = env.Appliance.Api.Http;
        var created = await api.PostAsJsonAsync("api/v1/tenants/default/domains", new { name = Domain });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = Active(await ReadAsync(created));
        env.Dns.Txt(first.RecordName, first.Txt);
        await env.Dns.RestartAsync();

        var before = await SendAsync("before");
        Assert.Equal(first.Selector, await VerifyAsync(before));

        var rotate = await api.PostAsync($"api/v1/domains/{Domain}/dkim/rotate", null);
        Assert.Equal(HttpStatusCode.Accepted, rotate.StatusCode);
        var pending = (await ReadAsync(rotate)).GetProperty("selectors").EnumerateArray()
            .Single(s => s.GetProperty("status").GetString() == "pending");
        var next = (Selector: pending.GetProperty("selector").GetString()!, RecordName: pending.GetProperty("recordName").GetString()!, Txt: pending.GetProperty("txtRecord").GetString()!);
        Assert.NotEqual(first.Selector, next.Selector);

        // Not published yet: mail is still signed with the first key.
        Assert.Equal(first.Selector, await VerifyAsync(await SendAsync("pending")));

        env.Dns.Txt(next.RecordName, next.Txt);
        await env.Dns.RestartAsync();
        var switched = await Eventually.TryAsync(async () => (await DomainAsync()).GetProperty("rotation").GetProperty("phase").GetString() == "gracePeriod", TimeSpan.FromSeconds(30));
        Assert.True(switched, "signing did not switch after the record was published\n" + await env.DiagnosticsAsync());

        var after = await SendAsync("after");
        Assert.Equal(next.Selector, await VerifyAsync(after));
        Assert.Equal(first.Selector, await VerifyAsync(before)); // the old selector is still published in the grace period

        var retired = await Eventually.TryAsync(async () =>
        {
            var d = await DomainAsync();
            return d.GetProperty("rotation").GetProperty("phase").GetString() == "stable"
                && d.GetProperty("selectors").EnumerateArray().All(s => s.GetProperty("selector").GetString() != first.Selector);
        }, Grace + TimeSpan.FromSeconds(30));
        Assert.True(retired, "the old key was not retired after the grace period\n" + await env.DiagnosticsAsync());
        Assert.Equal(next.Selector, Active(await DomainAsync()).Selector);
        Assert.Equal(next.Selector, await VerifyAsync(await SendAsync("retired")));
    }

    private static (string Selector, string RecordName, string Txt) Active(JsonElement domain)
    {
        var a = domain.GetProperty("active").EnumerateArray().Single();
        return (a.GetProperty("selector").GetString()!, a.GetProperty("recordName").GetString()!, a.GetProperty("txtRecord").GetString()!);
    }

    private async Task<JsonElement> DomainAsync() => await ReadAsync(await env.Appliance.Api.Http.GetAsync($"api/v1/domains/{Domain}"));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Relays one message from the signed domain and returns the bytes the MX sink received.</summary>
    private async Task<byte[]> SendAsync(string label)
    {
        var t = TestMessages.Token();
        var to = $"{label}-{t}@{TestZone.Single}";
        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, $"news@{Domain}", [to], TestMessages.Build($"news@{Domain}", to, "dkim " + label, withIdAndDate: true));
        Assert.True(result.Accepted, result.ToString());
        var delivered = await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count > 0, TimeSpan.FromSeconds(30));
        Assert.True(delivered, $"not delivered: {to}\n{await env.DiagnosticsAsync()}");
        return env.Sink.MessagesFor(TestZone.SingleMx, to)[0].Data;
    }

    /// <summary>Verifies the first DKIM signature with Debian's python3-dkim, keys looked up in dnsmasq; returns s=.</summary>
    private Task<string> VerifyAsync(byte[] message) => DkimVerify.SelectorAsync(message, env.Dns, env.WorkDir);
}
