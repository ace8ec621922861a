namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs mounted on a folder (<c>mount -t tmpfs -o size=…</c>), so a scenario can run the appliance on a file
/// system that really fills up. Needs root (CAP_SYS_ADMIN); <see cref="MissingReason"/> says why not when it cannot.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private static readonly Lazy<string?> Probe = new(ProbeMount);

    private TmpfsMount(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Null when mounting a tmpfs works here; otherwise why it does not.</summary>
    public static string? MissingReason => Probe.Value;

    /// <summary>Creates <paramref name="path"/> and mounts a tmpfs of <paramref name="sizeBytes"/> on it.</summary>
    public static async Task<TmpfsMount> MountAsync(string path, long sizeBytes)
    {
        Directory.CreateDirectory(path);
        var (code, output) = await ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", path], TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            throw new InvalidOperationException($"mount -t tmpfs on {path} failed ({code}): {output}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Bytes available to an unprivileged writer (f_bavail).</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() =>
        await ProcessRunner.RunAsync("umount", ["-l", Path], TimeSpan.FromSeconds(10));

    private static string? ProbeMount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }

        var dir = Directory.CreateTempSubdirectory("appliance-tmpfs-probe").FullName;
        try
        {
            var (code, output) = ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            if (code != 0)
            {
                return $"mounting a tmpfs is not permitted here (needs root / CAP_SYS_ADMIN): {output.Trim()}";
            }

            ProcessRunner.RunAsync("umount", [dir], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return $"cannot run mount: {e.Message}";
        }
        finally
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
            }
        }
    }
}
