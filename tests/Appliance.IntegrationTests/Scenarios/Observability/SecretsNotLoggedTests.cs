using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Appliance.IntegrationTests.Infrastructure;
using Appliance.IntegrationTests.Scenarios.Webhooks;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Observability;

/// <summary>
/// AUTH secrets never reach the logs (issue 8): with every category at Debug, a session authenticates with AUTH PLAIN
/// and AUTH LOGIN (and fails once with a wrong password), a tenant API key is created and used, and a webhook with its
/// secret delivers a signed event. Then neither the captured process log nor any file under the data folder (event
/// log, database, transcripts) holds a password, the API keys or the webhook secret, in clear or base64 as they
/// crossed the wire (RFC 4616 PLAIN, the LOGIN exchange).
/// </summary>
public sealed partial class SecretsNotLoggedTests(SecretsNotLoggedTests.Environment env, ITestOutputHelper output) : IClassFixture<SecretsNotLoggedTests.Environment>
{
    /// <summary>The standard environment with Debug logging everywhere.</summary>
    public sealed class Environment : MailEnvironment
    {
        /// <inheritdoc />
        protected override ApplianceSettings Customize(ApplianceSettings s) => s with
        {
            ExtraArguments = [.. s.ExtraArguments, "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft=Debug", "--Logging:LogLevel:Microsoft.AspNetCore=Debug"],
        };
    }

    [IntegrationFact(MailEnvironment.Requires | Tool.Swaks)]
    public async Task Passwords_api_keys_and_webhook_secrets_are_absent_from_logs_and_files()
    {
        var t = TestMessages.Token();
        var tenant = await env.Appliance.Api.CreateTenantAsync($"secrets-{t}");
        var user = $"user-{t}";
        var password = $"Pw-{t}-Sekr3t!";
        var wrong = $"Wrong-{t}-Guess!";
        await env.Appliance.Api.CreateSmtpCredentialAsync(tenant, user, password);
        var to = $"ok-{t}@{TestZone.Outcome}";
        var port = env.Appliance.Settings.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (mechanism, pass, succeeds) in new[] { ("PLAIN", password, true), ("LOGIN", password, true), ("PLAIN", wrong, false) })
        {
            var r = await Swaks.RunAsync("--server", $"127.0.0.1:{port}", "--tls", "--auth", mechanism, "--auth-user", user, "--auth-password", pass,
                "--ehlo", "client.example", "--from", $"app@{TestZone.SenderDomain}", "--to", to, "--header", $"Subject: secrets {mechanism} {t}");
            Assert.True((r.ExitCode == 0) == succeeds, $"{mechanism} with {(succeeds ? "the" : "a wrong")} password: exit {r.ExitCode}\n{r.Output}");
        }

        var apiKey = await CreateApiKeyAsync(tenant, t);
        using (var scoped = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{env.Appliance.Settings.HttpPort}/") })
        {
            scoped.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            var own = await scoped.GetAsync($"api/v1/tenants/{tenant}");
            Assert.True(own.IsSuccessStatusCode, $"the tenant key could not read its tenant: {(int)own.StatusCode}");
        }

        await using var receiver = WebhookReceiver.Start();
        var webhookSecret = await WebhookDeliveryTests.CreateWebhookAsync(env.Appliance.Api, tenant, receiver.Url("/hook"), ["Delivery"]);
        var viaHook = await Swaks.RunAsync("--server", $"127.0.0.1:{port}", "--tls", "--auth", "LOGIN", "--auth-user", user, "--auth-password", password,
            "--ehlo", "client.example", "--from", $"app@{TestZone.SenderDomain}", "--to", $"ok-hook-{t}@{TestZone.Outcome}");
        Assert.True(viaHook.ExitCode == 0, viaHook.Output);
        Assert.True(await Eventually.TryAsync(() => !receiver.Requests.IsEmpty, TimeSpan.FromSeconds(30)), $"no webhook POST\n{await env.DiagnosticsAsync()}");
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.OutcomeMx, to).Count == 2, TimeSpan.FromSeconds(20)), await env.DiagnosticsAsync());

        var log = await File.ReadAllTextAsync(env.Appliance.LogPath);
        Assert.Contains("dbug:", log, StringComparison.Ordinal); // Debug really was on
        Assert.Contains(user, log, StringComparison.Ordinal);    // the AUTH lines were logged (user name only)
        var secrets = new Dictionary<string, string>
        {
            ["password"] = password,
            ["wrong password"] = wrong,
            ["PLAIN response"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}")),
            ["PLAIN response (wrong)"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{wrong}")),
            ["LOGIN password"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
            ["tenant API key"] = apiKey,
            ["bootstrap API key"] = ApplianceSettings.ApiKey,
            ["webhook secret"] = webhookSecret,
        };
        var files = Directory.EnumerateFiles(env.Appliance.DataDir, "*", SearchOption.AllDirectories).Append(env.Appliance.LogPath).ToList();
        output.WriteLine($"scanned {files.Count} files, log {log.Length} chars");
        foreach (var file in files)
        {
            var text = Encoding.Latin1.GetString(await ReadSharedAsync(file));
            if (file == env.Appliance.LogPath)
            {
                // The harness writes the command line it started (with the bootstrap key) as the log's "# … start:" line.
                text = string.Join('\n', text.Split('\n').Where(l => !HarnessLine().IsMatch(l)));
            }

            foreach (var (what, secret) in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what} found in {file}");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^#]{0,3}# \S+ start: ")]
    private static partial System.Text.RegularExpressions.Regex HarnessLine();

    private async Task<string> CreateApiKeyAsync(string tenant, string t)
    {
        using var resp = await env.Appliance.Api.Http.PostAsJsonAsync($"api/v1/tenants/{tenant}/api-keys", new { name = $"key-{t}", role = "viewer" });
        var body = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var ms = new MemoryStream();
        await fs.CopyToAsync(ms);
        return ms.ToArray();
    }
}
