using Appliance.Mta.Events;
using Appliance.Mta.Policy;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Server;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Storage;

/// <summary>
/// Refuses new mail while the data folder's file system is short of space, so the spool never has to fail a write:
/// 452 4.3.1 (RFC 5321 §4.2.3 "insufficient system storage", RFC 3463 §3.4 X.3.1 "mail system full") at RCPT TO
/// (as a recipient policy, from the last measurement), at MAIL FROM and again before the spool (a reception filter
/// with Order 0). Those two measure afresh, except that a reading younger than <see cref="ReuseFor"/> with at least
/// <see cref="ReuseHeadroom"/> above the threshold is reused: far from the line, one statvfs a second is enough (at
/// 2,500 messages/s of 4 KB a second writes 10 MB), near it every message measures. Raises one Alert event when an
/// episode starts and one when it ends.
/// <para>It also counts the space of messages in flight (<see cref="ISpaceReservations"/>): a reservation is granted
/// only while free space minus all reservations stays above the threshold, and MAIL FROM and RCPT TO are refused
/// while the reservations already cross it. The count is conservative: bytes a session has already written to its
/// temporary file are both measured and reserved until the transaction ends (the spool copy needs as much again).</para>
/// </summary>
public sealed partial class DiskGuard : IReceptionFilter, IRecipientPolicy, IMailFromPolicy, ISpaceReservations
{
    /// <summary>The reply while space is low: 452 4.3.1 (RFC 5321 §4.2.3, RFC 3463 §3.4).</summary>
    public static readonly SmtpReply Refusal = new(452, "4.3.1", "Insufficient system storage, try again later");

    private readonly string _path;
    private readonly DiskGuardOptions _options;
    private readonly Func<string, DiskSpace> _probe;
    private readonly Action<MtaEvent> _raise;
    private readonly TimeProvider _time;
    private readonly ILogger<DiskGuard> _logger;
    private readonly Lock _lock = new();
    private volatile bool _low;
    private volatile Reading? _last;
    private long _reserved;

    /// <summary>How long a reading far from the threshold may be reused by MAIL FROM and the reception filter.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    /// <summary>Free bytes above the threshold a reading needs to be reused.</summary>
    public const long ReuseHeadroom = 64L << 20;

    /// <summary>
    /// A guard for the file system holding <paramref name="path"/>; <paramref name="raise"/> receives the Alert events,
    /// <paramref name="probe"/> measures free space (default statvfs through <see cref="DiskSpace.Of"/>; tests pass a
    /// fake).
    /// </summary>
    public DiskGuard(string path, DiskGuardOptions options, Action<MtaEvent> raise, TimeProvider time, ILogger<DiskGuard> logger, Func<string, DiskSpace>? probe = null)
    {
        _path = path;
        _options = options;
        _raise = raise;
        _time = time;
        _logger = logger;
        _probe = probe ?? DiskSpace.Of;
    }

    /// <summary>
    /// Runs first (0), before any other reception filter spends work on a message that cannot be stored.
    /// </summary>
    public int Order => 0;

    /// <summary>True while the last measurement was below a threshold.</summary>
    public bool IsLow => _low;

    /// <summary>
    /// Refuses the message with <see cref="Refusal"/> while space is low (measured afresh near the threshold).
    /// </summary>
    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check(reuse: true, 0) ? ReceptionVerdict.Stop(Refusal) : ReceptionVerdict.Continue);

    /// <summary>
    /// Refuses the recipient with <see cref="Refusal"/> while the last measurement was low or the reservations already
    /// cross the threshold; never measures (RCPT TO stays cheap).
    /// </summary>
    public RecipientDecision Evaluate(in RecipientCheck check) =>
        _low || ReservationsCross(_last, Reserved) ? RecipientDecision.Reject(Refusal, "disk low") : RecipientDecision.Continue;

    /// <summary>At MAIL FROM the space is measured (afresh near the threshold), so acceptance resumes as soon as space is freed.</summary>
    public SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress) => Check(reuse: true, Reserved) ? Refusal : null;

    /// <summary>Measures now; raises or clears the alert on a change. Returns true while space is low.</summary>
    public bool Check() => Check(reuse: false, 0);

    /// <inheritdoc/>
    public long Reserved => Interlocked.Read(ref _reserved);

    /// <inheritdoc/>
    public bool TryReserve(long bytes)
    {
        if (bytes <= 0) return true;
        var total = Interlocked.Add(ref _reserved, bytes);
        if (!Check(reuse: true, total)) return true;
        Interlocked.Add(ref _reserved, -bytes);
        return false;
    }

    /// <inheritdoc/>
    public void Release(long bytes)
    {
        if (bytes > 0) Interlocked.Add(ref _reserved, -bytes);
    }

    /// <summary>True while space is low, or while <paramref name="reserved"/> bytes would take it below the threshold.</summary>
    private bool Check(bool reuse, long reserved)
    {
        DiskSpace space;
        var now = _time.GetTimestamp();
        if (reuse && _last is { } last && _time.GetElapsedTime(last.At, now) < ReuseFor && Headroom(last.Space) - reserved >= ReuseHeadroom) return _low;
        try
        {
            space = _probe(_path);
        }
        catch (IOException)
        {
            return _low || ReservationsCross(_last, reserved); // cannot measure: keep the last verdict
        }
        _last = new Reading(space, now);
        var low = (_options.MinFreeBytes > 0 && space.FreeBytes < _options.MinFreeBytes)
                  || (_options.MinFreePercent > 0 && space.FreePercent < _options.MinFreePercent);
        var crossing = low || ReservationsCross(_last, reserved);
        lock (_lock)
        {
            if (low == _low) return crossing;
            _low = low;
        }
        var detail = low
            ? $"Disk low: {space.FreeBytes} bytes ({space.FreePercent:0.##}%) free in {_path}; refusing new mail (threshold {_options.MinFreeBytes} bytes, {_options.MinFreePercent}%)"
            : $"Disk space recovered: {space.FreeBytes} bytes ({space.FreePercent:0.##}%) free in {_path}; accepting mail again";
        if (low) LogLow(_logger, space.FreeBytes, _path);
        else LogRecovered(_logger, space.FreeBytes, _path);
        _raise(new MtaEvent { Type = MtaEventType.Alert, Timestamp = _time.GetUtcNow(), Detail = detail, Code = low ? 452 : null, EnhancedCode = low ? "4.3.1" : null });
        return crossing;
    }

    private bool ReservationsCross(Reading? reading, long reserved) => reserved > 0 && reading is not null && Headroom(reading.Space) - reserved < 0;

    /// <summary>Free bytes above the stricter of the two thresholds (negative when below).</summary>
    private long Headroom(DiskSpace space) =>
        space.FreeBytes - Math.Max(_options.MinFreeBytes, (long)(space.TotalBytes * (_options.MinFreePercent / 100.0)));

    private sealed record Reading(DiskSpace Space, long At);

    [LoggerMessage(3001, LogLevel.Warning, "Disk low: {FreeBytes} bytes free in {Path}; new mail gets 452 4.3.1")]
    private static partial void LogLow(ILogger logger, long freeBytes, string path);

    [LoggerMessage(3002, LogLevel.Information, "Disk space recovered: {FreeBytes} bytes free in {Path}")]
    private static partial void LogRecovered(ILogger logger, long freeBytes, string path);
}
