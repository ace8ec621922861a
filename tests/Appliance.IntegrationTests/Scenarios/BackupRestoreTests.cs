using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// `appliance backup` while mail is queued, the machine lost (kill -9, data folder deleted), `appliance restore`
/// into an empty folder, and the restored instance delivers every queued message. The queue is held by a route
/// to a port where nothing listens yet (the route lives in the database, so it is restored too); a sink starts
/// on that port after the restore.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const int Count = 12;
    private const string Domain = "backup.test";

    [IntegrationFact(MailEnvironment.Requires, SqliteOnly = "backup and restore copy the SQLite file; on PostgreSQL they refuse (docs/storage.md)")]
    public async Task QueuedMail_BackedUpWhileRunning_IsDeliveredByTheRestoredInstance()
    {
        await using var env = new LongLivedQueueEnvironment();
        await env.InitializeAsync();
        var appliance = env.Appliance;
        var heldPort = PortAllocator.Next([System.Net.IPAddress.Parse(TestZone.SingleMx)]);
        await appliance.Api.AddRouteAsync(Domain, TestZone.SingleMx, heldPort);
        var t = TestMessages.Token();
        var sender = $"backup-{t}@{TestZone.SenderDomain}";
        var recipients = Enumerable.Range(0, Count).Select(i => $"r{i}-{t}@{Domain}").ToList();
        foreach (var rcpt in recipients)
        {
            var sent = await SmtpSubmit.SendAsync(appliance.Settings.RelayPort, sender, [rcpt], TestMessages.Build(sender, rcpt, $"backup {t}", withIdAndDate: true));
            Assert.True(sent.Accepted, sent.ToString());
        }
        Assert.Equal(Count, (await appliance.Api.GetQueuesAsync()).TotalMessages);

        var archive = Path.Combine(env.WorkDir, "backup.tar.gz.enc");
        var passphrase = Path.Combine(env.WorkDir, "backup-passphrase");
        await File.WriteAllTextAsync(passphrase, "correct horse battery staple\n");
        var backup = await Cli(["backup", archive, "--passphrase-file", passphrase, "--url", $"http://127.0.0.1:{appliance.Settings.HttpPort}", "--api-key", ApplianceSettings.ApiKey]);
        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(new FileInfo(archive).Length > 0);

        // Restore refuses to touch the folder of a running service.
        var refused = await Cli(["restore", archive, "--passphrase-file", passphrase, "--data-dir", appliance.DataDir]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("running", refused.Output, StringComparison.Ordinal);

        // The machine is lost: the process dies and its data folder goes with it.
        appliance.KillHard();
        Directory.Delete(appliance.DataDir, recursive: true);

        var restore = await Cli(["restore", archive, "--passphrase-file", passphrase, "--data-dir", appliance.DataDir]);
        output.WriteLine(restore.Output);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await appliance.StartAsync();
        Assert.Equal(Count, (await appliance.Api.GetQueuesAsync()).TotalMessages);
        await using var sink = await AiosmtpdSink.StartAsync(Path.Combine(env.WorkDir, "held-sink"), [TestZone.SingleMx], heldPort);
        var delivered = await Eventually.TryAsync(
            () => recipients.All(r => sink.MessagesFor(TestZone.SingleMx, r).Count > 0),
            TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        Assert.True(delivered, $"not every restored message was delivered\n{await env.DiagnosticsAsync()}");
    }

    private static Task<(int ExitCode, string Output)> Cli(IEnumerable<string> args) =>
        ProcessRunner.RunAsync("dotnet", [ApplianceProcess.WebDllPath, .. args], TimeSpan.FromSeconds(60));

    /// <summary>Messages stay queued for the whole test (the default MaxAge is 20 s).</summary>
    private sealed class LongLivedQueueEnvironment : MailEnvironment, IAsyncDisposable
    {
        protected override ApplianceSettings Customize(ApplianceSettings s) => s with { MaxAge = TimeSpan.FromMinutes(10) };

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
