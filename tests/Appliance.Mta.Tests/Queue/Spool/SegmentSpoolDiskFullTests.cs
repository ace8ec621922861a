using System.Diagnostics;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Tests.Queue.Spool;

/// <summary>A full disk must fail the write (so the client gets 4xx) and never damage what was acknowledged.</summary>
public sealed class SegmentSpoolDiskFullTests
{
    [TmpfsMountFact]
    public async Task Full_disk_fails_the_store_keeps_acknowledged_messages_and_recovers_when_space_returns()
    {
        var dir = SpoolTestData.TempDir();
        Run("mount", $"-t tmpfs -o size=600k tmpfs {dir}");
        try
        {
            var spoolDir = Path.Combine(dir, "spool");
            var acknowledged = new List<long>();
            IOException? failure = null;
            await using (var spool = new SegmentSpool(spoolDir, NullLogger<SegmentSpool>.Instance, 32 * 1024))
            {
                await spool.RecoverAsync(default);
                for (var i = 1; i <= 400 && failure is null; i++)
                {
                    try
                    {
                        await spool.StoreAsync(new SpoolId(i), SpoolTestData.Envelope(), SpoolTestData.Content(i, 8192), default);
                        acknowledged.Add(i);
                    }
                    catch (IOException ex) { failure = ex; }
                }
                Assert.NotNull(failure);
                Assert.NotNull(spool.UnhealthyReason);
                Assert.NotEmpty(acknowledged);
                // A second attempt while still full fails the same way and corrupts nothing.
                await Assert.ThrowsAsync<IOException>(() => spool.StoreAsync(new SpoolId(1000), SpoolTestData.Envelope(), SpoolTestData.Content(1000, 8192), default));
            }
            await using (var reopened = new SegmentSpool(spoolDir, NullLogger<SegmentSpool>.Instance, 32 * 1024))
            {
                var recovered = await reopened.RecoverAsync(default);
                Assert.Equal(acknowledged, recovered.Select(r => r.Id.Value));
                // Free space by finishing half of them; new messages are accepted again.
                foreach (var r in recovered.Take(recovered.Count / 2)) await reopened.RemoveAsync(r.Id);
            }
            await using (var third = new SegmentSpool(spoolDir, NullLogger<SegmentSpool>.Instance, 32 * 1024))
            {
                var left = await third.RecoverAsync(default);
                Assert.Equal(acknowledged.Skip(acknowledged.Count / 2), left.Select(r => r.Id.Value));
                await third.StoreAsync(new SpoolId(5000), SpoolTestData.Envelope(), SpoolTestData.Content(5000, 8192), default);
                Assert.Null(third.UnhealthyReason);
            }
        }
        finally
        {
            Run("umount", dir);
            Directory.Delete(dir, true);
        }
    }

    private static void Run(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args}: {p.StandardError.ReadToEnd()}");
    }
}
