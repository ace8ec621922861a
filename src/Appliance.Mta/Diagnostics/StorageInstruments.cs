using System.Diagnostics.Metrics;

namespace Appliance.Mta.Diagnostics;

/// <summary>Observable gauges of the data folder: bytes held by the spool segments and free bytes on its file system.</summary>
public sealed class StorageInstruments : IObservableInstruments, IDisposable
{
    private readonly Meter _meter = new(MtaMetrics.MeterName);

    /// <summary>Creates the "spool.bytes" and "disk.free_bytes" gauges for <paramref name="dataDir"/>.</summary>
    public StorageInstruments(string dataDir)
    {
        DataDir = dataDir;
        _meter.CreateObservableGauge("spool.bytes", () => SpoolBytes(), "By", "Bytes of the spool segment files");
        _meter.CreateObservableGauge("disk.free_bytes", () => FreeBytes(DataDir), "By", "Free bytes (available to the service) on the data folder's file system");
    }

    /// <summary>The data folder measured (its "spool" subfolder and its file system).</summary>
    public string DataDir { get; }

    /// <summary>The meter (<see cref="MtaMetrics.MeterName"/>) holding the storage gauges.</summary>
    public Meter Meter => _meter;

    /// <summary>
    /// Bytes of every file under {DataDir}/spool now (0 when the folder does not exist yet); files removed while
    /// counting are skipped.
    /// </summary>
    public long SpoolBytes()
    {
        var spool = Path.Combine(DataDir, "spool");
        if (!Directory.Exists(spool)) return 0;
        long total = 0;
        foreach (var file in new DirectoryInfo(spool).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try { total += file.Length; } catch (IOException) { } // deleted while counting
        }
        return total;
    }

    /// <summary>statvfs of <paramref name="path"/> (any folder on the file system; DriveInfo accepts a path on Unix).</summary>
    public static long FreeBytes(string path)
    {
        Directory.CreateDirectory(path);
        return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
    }

    /// <summary>Disposes the meter, which unregisters the gauges.</summary>
    public void Dispose() => _meter.Dispose();
}
