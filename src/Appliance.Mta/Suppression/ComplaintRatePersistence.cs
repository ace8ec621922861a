using System.Text.Json;
using Appliance.Mta.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Appliance.Mta.Suppression;

/// <summary>
/// Carries the <see cref="ComplaintRateCounter"/>'s 24-hour window across restarts: restores
/// {DataDir}/state/complaint-rates.json at start, saves it every <see cref="Interval"/> and at shutdown (written to a
/// temporary file, flushed, then renamed over the old one, so a crash leaves the previous save). After a kill -9 at
/// most one interval of counts is missing. An unreadable file is logged and ignored.
/// </summary>
public sealed partial class ComplaintRatePersistence(ComplaintRateCounter counter, IOptions<MtaOptions> options,
    ILogger<ComplaintRatePersistence> logger) : BackgroundService
{
    /// <summary>How often the window is saved while running (one minute).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _saving = new(); // one writer of the temporary file at a time (a tick and a stop may meet)

    /// <summary>{DataDir}/state/complaint-rates.json, the file the window is saved to.</summary>
    public string FilePath { get; } = Path.Combine(Path.GetFullPath(options.Value.DataDir), "state", "complaint-rates.json");

    /// <summary>Restores the saved window, then starts the periodic save.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Load();
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Stops the periodic save, then saves once more.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Save();
    }

    /// <summary>Saves every <see cref="Interval"/> (wall-clock timer) until the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wall-clock saving, not the injected clock: a test that moves its clock by months must not fire thousands of saves.
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) Save();
        }
        catch (OperationCanceledException)
        {
            // shutting down: StopAsync saves
        }
    }

    /// <summary>
    /// Restores the counter from <see cref="FilePath"/>; a missing file is a fresh start, an unreadable one is logged
    /// and ignored.
    /// </summary>
    public void Load()
    {
        if (!File.Exists(FilePath)) return;
        try
        {
            using var stream = File.OpenRead(FilePath);
            if (JsonSerializer.Deserialize<ComplaintRateState>(stream) is { } state) counter.Restore(state);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, FilePath, e);
        }
    }

    /// <summary>
    /// Writes the counter's window to <see cref="FilePath"/> atomically (temporary file, flush, rename); an I/O failure
    /// is logged, never thrown.
    /// </summary>
    public void Save()
    {
        var temp = FilePath + ".tmp";
        lock (_saving)
        {
            SaveLocked(temp);
        }
    }

    private void SaveLocked(string temp)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, counter.Save());
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, FilePath, e); // a full disk: the next tick tries again
        }
    }

    [LoggerMessage(4320, LogLevel.Warning, "Complaint rates: {Path} is unreadable; starting with an empty window")]
    private static partial void LogUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(4321, LogLevel.Warning, "Complaint rates: could not save {Path}")]
    private static partial void LogSaveFailed(ILogger logger, string path, Exception exception);
}
