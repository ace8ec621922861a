namespace Appliance.Mta.Storage;

/// <summary>Free and total bytes of a file system, as seen by the service (statvfs f_bavail).</summary>
public readonly record struct DiskSpace(long FreeBytes, long TotalBytes)
{
    /// <summary>Free space as a percentage (0–100) of the total; 100 when the total is unknown (0).</summary>
    public double FreePercent => TotalBytes <= 0 ? 100 : 100.0 * FreeBytes / TotalBytes;

    /// <summary>The space of the file system holding <paramref name="path"/>.</summary>
    public static DiskSpace Of(string path)
    {
        var drive = new DriveInfo(Path.GetFullPath(path));
        return new DiskSpace(drive.AvailableFreeSpace, drive.TotalSize);
    }
}
