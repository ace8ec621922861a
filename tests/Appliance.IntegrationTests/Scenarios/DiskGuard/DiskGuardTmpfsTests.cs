using Appliance.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.IntegrationTests.Scenarios.DiskGuard;

/// <summary>
/// The disk guard on a real, small file system (issue 8): the appliance's data folder is a 48 MiB tmpfs with a 24 MiB
/// free-space threshold. When a ballast file pushes free space under it, a transaction already past RCPT is refused
/// with 452 4.3.1 after DATA and a new one at MAIL FROM (RFC 5321 §4.5.3.1.10, RFC 3463 X.3.1); mail accepted
/// earlier is still delivered; an Alert event marks the episode; once the ballast is deleted, mail is accepted again.
/// </summary>
public sealed class DiskGuardTmpfsTests(DiskGuardTmpfsTests.Environment env, ITestOutputHelper output) : IClassFixture<DiskGuardTmpfsTests.Environment>
{
    private const long FileSystemBytes = 48L * 1024 * 1024;
    private const long ThresholdBytes = 24L * 1024 * 1024;

    /// <summary>The standard environment with the appliance's DataDir on its own tmpfs.</summary>
    public sealed class Environment : MailEnvironment, IAsyncLifetime
    {
        /// <summary>The tmpfs holding DataDir.</summary>
        public TmpfsMount? Mount { get; private set; }

        /// <inheritdoc />
        protected override ApplianceSettings Customize(ApplianceSettings s) => s with
        {
            ExtraArguments = [.. s.ExtraArguments, $"--Appliance:Storage:MinFreeBytes={ThresholdBytes}", "--Appliance:Storage:MinFreePercent=0"],
        };

        async Task IAsyncLifetime.InitializeAsync()
        {
            if (ToolPaths.MissingReason(Requires) is null && TmpfsMount.MissingReason is null)
            {
                Mount = await TmpfsMount.MountAsync(Path.Combine(WorkDir, "appliance", "data"), FileSystemBytes);
            }

            await InitializeAsync();
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync(); // stops the appliance, deletes what it can (the mount point itself stays busy)
            if (Mount is not null)
            {
                await Mount.DisposeAsync();
                try
                {
                    Directory.Delete(WorkDir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    [TmpfsFact(MailEnvironment.Requires)]
    public async Task Low_disk_refuses_at_mail_from_and_data_loses_nothing_and_recovers()
    {
        var mount = env.Mount!;
        var port = env.Appliance.Settings.RelayPort;
        var t = TestMessages.Token();
        var sender = $"app-{t}@{TestZone.SenderDomain}";

        // Accepted before the disk runs short; the sink defers each once, so they are still queued during the episode.
        var early = Enumerable.Range(0, 3).Select(i => $"deferonce{i}-{t}@{TestZone.Outcome}").ToList();
        foreach (var rcpt in early)
        {
            var r = await SmtpSubmit.SendAsync(port, sender, [rcpt], TestMessages.Build(sender, rcpt, $"early {t}", true));
            Assert.True(r.Accepted, r.ToString());
        }

        // A transaction past RCPT when the disk fills up.
        var late = $"ok-late-{t}@{TestZone.Outcome}";
        await using var open = await RawSmtpClient.ConnectAsync(port);
        await open.ReadReplyAsync();
        await open.CommandAsync("EHLO client.example");
        Assert.Equal(250, (await open.CommandAsync($"MAIL FROM:<{sender}>")).Code);
        Assert.Equal(250, (await open.CommandAsync($"RCPT TO:<{late}>")).Code);

        var ballast = Path.Combine(mount.Path, "ballast");
        await FillAsync(ballast, mount.FreeBytes - (ThresholdBytes / 2));
        output.WriteLine($"free after ballast: {mount.FreeBytes} bytes");
        Assert.True(mount.FreeBytes < ThresholdBytes);

        // The disk guard reserves space for the content at DATA (issue 15: in-flight messages count), so the transaction
        // is refused before the client sends its content.
        var atData = await open.CommandAsync("DATA");
        Assert.True(atData.Code == 452 && atData.ToString().Contains("4.3.1", StringComparison.Ordinal), $"at DATA: {atData}");

        var refused = await SmtpSubmit.SendAsync(port, sender, [$"ok-refused-{t}@{TestZone.Outcome}"], TestMessages.Build(sender, late, $"refused {t}", true));
        Assert.True(refused.Mail.Code == 452 && refused.Mail.ToString().Contains("4.3.1", StringComparison.Ordinal), $"MAIL FROM: {refused.Mail}");
        Assert.Contains(env.Appliance.Events(), e => e.Type == "Alert" && e.Raw.Contains("Disk low", StringComparison.Ordinal));

        // Nothing accepted is lost: the queued messages are delivered while the disk is still short.
        Assert.True(
            await Eventually.TryAsync(() => early.All(r => env.Sink.MessagesFor(TestZone.OutcomeMx, r).Count == 1), TimeSpan.FromSeconds(30)),
            $"accepted mail not delivered during the episode\n{await env.DiagnosticsAsync()}");
        Assert.Empty(env.Sink.MessagesFor(TestZone.OutcomeMx, late));

        // Space freed: the next MAIL FROM measures again and the message goes through.
        File.Delete(ballast);
        var resumed = $"ok-resumed-{t}@{TestZone.Outcome}";
        var after = await SmtpSubmit.SendAsync(port, sender, [resumed], TestMessages.Build(sender, resumed, $"resumed {t}", true));
        Assert.True(after.Accepted, after.ToString());
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.OutcomeMx, resumed).Count == 1, TimeSpan.FromSeconds(20)),
            $"not delivered after recovery\n{await env.DiagnosticsAsync()}");
        Assert.Contains(env.Appliance.Events(), e => e.Type == "Alert" && e.Raw.Contains("recovered", StringComparison.Ordinal));
    }

    /// <summary>Writes real blocks (a sparse file would not take tmpfs space).</summary>
    private static async Task FillAsync(string path, long bytes)
    {
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)0x5a);
        await using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (long written = 0; written < bytes; written += block.Length)
        {
            await fs.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - written)));
        }

        await fs.FlushAsync();
    }
}
