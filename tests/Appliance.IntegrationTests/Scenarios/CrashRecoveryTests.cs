using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Durability: "250" to the final dot means the message is on disk (RFC 5321 §6.1: the server
/// takes responsibility). Under load from several connections the appliance is killed with
/// SIGKILL three times and restarted on the same DataDir; afterwards every message that got 250
/// must reach the smart-host sink intact. Duplicates are allowed only for deliveries in flight.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Total = 2000;
    private const int Connections = 8;
    private static readonly int[] KillAt = [300, 800, 1300];

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task KilledThreeTimesUnderLoad_EveryAcceptedMessageIsDeliveredIntact()
    {
        var env = new MailEnvironment(smartHostSink: true);
        try
        {
            await env.InitializeAsync();
            var t = TestMessages.Token();
            var load = new LoadGenerator(env.Appliance.Settings.RelayPort, t, "crash.test", Total, Connections, bodyBytes: 4096);

            using var loadDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            var run = load.RunAsync(loadDeadline.Token);
            foreach (var threshold in KillAt)
            {
                var reached = await Eventually.TryAsync(() => load.Accepted.Count >= threshold || run.IsCompleted, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(20));
                Assert.True(reached, $"load stalled at {load.Accepted.Count} accepted (errors {load.Errors}, rejected {load.Rejected})\n{await env.DiagnosticsAsync()}");
                Assert.False(run.IsCompleted && load.Accepted.Count < threshold,
                    $"load ended with only {load.Accepted.Count} accepted before kill at {threshold} (errors {load.Errors}, rejected {load.Rejected})\n{await env.DiagnosticsAsync()}");
                output.WriteLine($"kill -9 at {load.Accepted.Count} accepted / {load.Started} started");
                await env.Appliance.CrashAndRestartAsync();
                output.WriteLine($"restarted; {load.Accepted.Count} accepted so far");
            }

            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("load deadline hit; checking what was accepted");
            }

            var accepted = load.Accepted.Keys.ToHashSet(StringComparer.Ordinal);
            output.WriteLine($"load done: {accepted.Count} accepted of {Total}, {load.Errors} connection errors, {load.Rejected} rejected");
            Assert.True(accepted.Count >= Total / 2, $"only {accepted.Count} of {Total} accepted (errors {load.Errors}, rejected {load.Rejected})\n{await env.DiagnosticsAsync()}");

            // Drain: every accepted Message-ID at the sink and the queue empty.
            var seen = new HashSet<int>();
            var delivered = new Dictionary<string, int>(StringComparer.Ordinal);
            var corrupt = new List<string>();
            var drained = await Eventually.TryAsync(
                async () =>
                {
                    foreach (var m in env.Sink.Messages("127.0.0.1", seen))
                    {
                        var raw = RawMessage.Parse(m.Data);
                        var id = raw.Value("Message-ID") ?? $"(none #{m.Sequence})";
                        delivered[id] = delivered.GetValueOrDefault(id) + 1;
                        if (!LoadGenerator.BodyIntact(raw))
                        {
                            corrupt.Add(id);
                        }
                    }

                    return accepted.IsSubsetOf(delivered.Keys) && (await env.Appliance.Api.GetQueuesAsync()).TotalMessages == 0;
                },
                TimeSpan.FromSeconds(120),
                TimeSpan.FromSeconds(1));

            var missing = accepted.Where(id => !delivered.ContainsKey(id)).ToList();
            var duplicates = delivered.Where(kv => kv.Value > 1).ToList();
            var extra = delivered.Keys.Count(id => !accepted.Contains(id));
            output.WriteLine($"delivered {delivered.Count} distinct ({delivered.Values.Sum()} total); missing {missing.Count}; " +
                $"duplicated {duplicates.Count} ids ({duplicates.Sum(d => d.Value - 1)} extra copies); " +
                $"delivered without a 250 seen (in flight at a kill) {extra}; corrupt {corrupt.Count}");

            Assert.True(missing.Count == 0,
                $"{missing.Count} messages got 250 but never arrived, e.g. {string.Join(", ", missing.Take(10))}\n{await env.DiagnosticsAsync()}");
            Assert.True(drained, $"queue did not drain\n{await env.DiagnosticsAsync()}");
            Assert.True(corrupt.Count == 0, $"{corrupt.Count} messages arrived with a damaged body, e.g. {string.Join(", ", corrupt.Take(5))}");
            // In flight at a kill: at most the deliveries open at that moment, per crash.
            var dupBudget = Math.Max(30, accepted.Count / 20);
            Assert.True(duplicates.Count <= dupBudget, $"{duplicates.Count} Message-IDs delivered more than once (budget {dupBudget})");
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task DeferredMessage_SurvivesKill_RetriedAndExpiresOnItsOriginalSchedule()
    {
        var env = new MailEnvironment();
        try
        {
            await env.InitializeAsync();
            var t = TestMessages.Token();
            var sender = $"crashdefer-{t}@{TestZone.SenderDomain}";
            var defer = $"defer-{t}@{TestZone.Outcome}";
            var deferOnce = $"deferonce-{t}@{TestZone.Outcome}";
            var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, sender, [defer, deferOnce],
                TestMessages.Build(sender, defer, $"crash defer {t}", withIdAndDate: true));
            Assert.True(result.Accepted, result.ToString());
            var accepted = DateTimeOffset.UtcNow;

            // First attempt deferred both; kill before the retry.
            Assert.True(await Eventually.TryAsync(
                    () => env.Sink.RcptAttempts(TestZone.OutcomeMx, deferOnce).Count >= 1 && env.Sink.RcptAttempts(TestZone.OutcomeMx, defer).Count >= 1,
                    TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50)),
                $"no first attempt\n{await env.DiagnosticsAsync()}");
            Assert.Empty(env.Sink.MessagesFor(TestZone.OutcomeMx, deferOnce));
            env.Appliance.KillHard();
            await env.Appliance.StartAsync();
            var restarted = DateTimeOffset.UtcNow;
            output.WriteLine($"restarted {(restarted - accepted).TotalSeconds:0.0}s after acceptance");

            Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.OutcomeMx, deferOnce).Count > 0, TimeSpan.FromSeconds(20)),
                $"{deferOnce} not retried after the restart\n{await env.DiagnosticsAsync()}");

            // MaxAge (20 s) counts from the original arrival, which the spool must keep across the crash.
            var (dsn, report) = await DsnWait.WaitAsync(env, sender, defer, TimeSpan.FromSeconds(45));
            var age = DateTimeOffset.UtcNow - accepted;
            output.WriteLine($"expiry DSN {age.TotalSeconds:0.0}s after acceptance");
            Assert.Equal("failed", report.Recipients.Single(r => r.FinalRecipient.Equals(defer, StringComparison.OrdinalIgnoreCase)).Action, ignoreCase: true);
            // Had the crash lost the arrival time, MaxAge would count again from the restart: no expiry before
            // restart + 20 s. Kept, it expires about 20 s after arrival, or at once after a restart slower than that.
            var deadline = Max(accepted + TimeSpan.FromSeconds(35), restarted + TimeSpan.FromSeconds(15));
            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"expired {age.TotalSeconds:0}s after arrival and {(DateTimeOffset.UtcNow - restarted).TotalSeconds:0}s after the restart: the arrival time was lost in the crash?");
            Assert.Single(env.Sink.MessagesFor(TestZone.OutcomeMx, deferOnce));
            Assert.Single(DsnWait.For(env.Sink, sender, defer));
            Assert.Empty(DsnWait.For(env.Sink, sender, deferOnce));
        }
        finally
        {
            await env.DisposeAsync();
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
