using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.Observability;

/// <summary>
/// GET /metrics against a real run (issue 8, "the metric values match the counts of an integration run"): a known
/// mix of messages (delivered, deferred by a sink 451 until it expires, bounced by a sink 550) is relayed, and the
/// Prometheus counters and queue-depth gauge equal both the expected numbers and the event log's counts.
/// The sender is the null reverse-path, so no DSN adds to the counts (RFC 5321 §4.5.5).
/// </summary>
public sealed class MetricsCountTests(MailEnvironment env, ITestOutputHelper output) : IClassFixture<MailEnvironment>
{
    private const int Delivered = 3;
    private const int Bounced = 3; // two sink 550s and one NXDOMAIN
    private const int Deferred = 1;

    [IntegrationFact(MailEnvironment.Requires | Tool.Swaks)]
    public async Task Prometheus_counters_and_queue_depth_match_the_run()
    {
        var t = TestMessages.Token();
        var recipients = Enumerable.Range(0, Delivered).Select(i => $"ok{i}-{t}@{TestZone.Outcome}")
            .Concat(Enumerable.Range(0, Bounced - 1).Select(i => $"reject{i}-{t}@{TestZone.Outcome}"))
            .Append($"nobody-{t}@{TestZone.NxDomain}")
            .Append($"defer-{t}@{TestZone.Outcome}").ToList();
        foreach (var rcpt in recipients)
        {
            var sent = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, "", [rcpt], TestMessages.Build("app@sender.test", rcpt, $"metrics {t}", true));
            Assert.True(sent.Accepted, sent.ToString());
        }

        Assert.True(
            await Eventually.TryAsync(() => Count("Delivery") == Delivered && Count("Bounce") == Bounced && Count("TransientFailure") >= Deferred, TimeSpan.FromSeconds(30)),
            $"run did not settle\n{await env.DiagnosticsAsync()}");

        // While the deferred message waits for its next retry: one message in the queue.
        var (events, metrics) = await ConsistentScrapeAsync();
        output.WriteLine(string.Join(", ", events.Select(e => $"{e.Key}={e.Value}")));
        AssertCounters(events, metrics);
        Assert.Equal(recipients.Count, Counter(metrics, "accepted"));
        Assert.Equal(Delivered, Counter(metrics, "delivered"));
        Assert.Equal(Bounced, Counter(metrics, "bounced"));
        Assert.True(Counter(metrics, "deferred") >= Deferred, metrics.Raw);
        Assert.Equal(Deferred, metrics.Sum("appliance_mta_mta_queue_depth"));

        // MaxAge (20 s) later the deferred one expires; the queue is empty and nothing else changed.
        Assert.True(await Eventually.TryAsync(() => Count("Expiration") == Deferred, TimeSpan.FromSeconds(45)),
            $"deferred message did not expire\n{await env.DiagnosticsAsync()}");
        Assert.True(await Eventually.TryAsync(async () => (await ScrapeAsync()).Sum("appliance_mta_mta_queue_depth") == 0, TimeSpan.FromSeconds(10)),
            (await ScrapeAsync()).Raw);
        (events, metrics) = await ConsistentScrapeAsync();
        AssertCounters(events, metrics);
        Assert.Equal(Deferred, Counter(metrics, "expired"));
        Assert.Equal(recipients.Count, Counter(metrics, "accepted"));
        Assert.Equal(Delivered, Counter(metrics, "delivered"));

        // One failed AUTH and one failed inbound TLS handshake, so every series the dashboard uses has counted something.
        var auth = await Swaks.RunAsync("--server", $"127.0.0.1:{env.Appliance.Settings.SubmissionPort}", "--tls", "--auth", "PLAIN",
            "--auth-user", $"nobody-{t}", "--auth-password", "wrong", "--quit-after", "AUTH");
        Assert.NotEqual(0, auth.ExitCode);
        await using (var plaintext = await RawSmtpClient.ConnectAsync(env.Appliance.Settings.SmtpsPort))
        {
            await plaintext.SendAsync("EHLO not-tls.example\r\n");
        }

        Assert.True(await Eventually.TryAsync(async () =>
        {
            metrics = await ScrapeAsync();
            return metrics.Sum("appliance_mta_auth_failures") == 1 && metrics.Sum("appliance_mta_tls_errors", ("direction", "inbound")) == 1;
        }, TimeSpan.FromSeconds(10)), metrics.Raw);

        // The shipped Grafana dashboard only queries series this scrape has (histograms by their _bucket series).
        var missing = DashboardSeries().Where(n => !metrics.Has(n) && !metrics.Has(n + "_bucket")).ToList();
        Assert.True(missing.Count == 0, $"dashboard series not exported: {string.Join(", ", missing)}\n{metrics.Raw}");
    }

    private static IEnumerable<string> DashboardSeries()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "packaging", "grafana", "appliance-dashboard.json")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, "packaging/grafana/appliance-dashboard.json not found above the test binaries");
        var json = File.ReadAllText(Path.Combine(dir!.FullName, "packaging", "grafana", "appliance-dashboard.json"));
        return System.Text.RegularExpressions.Regex.Matches(json, @"\bappliance_[a-z0-9_]+").Select(m => System.Text.RegularExpressions.Regex.Replace(m.Value, "_(bucket|sum|count)$", "")).Distinct();
    }

    private static readonly (string Outcome, string EventType)[] Outcomes =
    [
        ("accepted", "Reception"), ("delivered", "Delivery"), ("deferred", "TransientFailure"), ("bounced", "Bounce"), ("expired", "Expiration"),
    ];

    /// <summary>Both the untagged totals and the labelled outcome series equal the event log's count of each type.</summary>
    private static void AssertCounters(IReadOnlyDictionary<string, int> events, PrometheusText metrics)
    {
        foreach (var (outcome, type) in Outcomes)
        {
            Assert.True(events[type] == Counter(metrics, outcome), $"{outcome}: events {events[type]}, metric {Counter(metrics, outcome)}\n{metrics.Raw}");
            Assert.True(events[type] == metrics.Sum("appliance_mta_outcomes", ("outcome", outcome)),
                $"outcomes{{outcome={outcome}}}: events {events[type]}\n{metrics.Raw}");
        }

        Assert.Equal(Bounced - 1, metrics.Sum("appliance_mta_outcomes", ("outcome", "bounced"), ("category", "InvalidRecipient")));
        Assert.Equal(1, metrics.Sum("appliance_mta_dns_errors"));
        Assert.Equal(events["Delivery"], metrics.Sum("appliance_mta_outcomes", ("outcome", "delivered"), ("tenant", "default")));
    }

    private static double Counter(PrometheusText metrics, string outcome) => metrics.Sum($"appliance_mta_mta_messages_{outcome}");

    private int Count(string type) => env.Appliance.Events().Count(e => e.Type == type);

    /// <summary>A scrape taken while the event log did not change (a retry can land between two reads).</summary>
    private async Task<(IReadOnlyDictionary<string, int> Events, PrometheusText Metrics)> ConsistentScrapeAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = Outcomes.ToDictionary(o => o.EventType, o => Count(o.EventType));
            var metrics = await ScrapeAsync();
            var after = Outcomes.ToDictionary(o => o.EventType, o => Count(o.EventType));
            if (before.All(kv => after[kv.Key] == kv.Value) || attempt == 20)
            {
                return (after, metrics);
            }

            await Task.Delay(200);
        }
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{env.Appliance.Settings.HttpPort}/metrics");
        return PrometheusText.Parse(text);
    }
}
