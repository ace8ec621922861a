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
/// (as a recipient policy, from the last measurement), at MAIL FROM (measured afresh) and again before the spool (a reception filter with Order 0,
/// measured afresh). Raises one Alert event when an episode starts and one when it ends.
/// </summary>
public sealed partial class DiskGuard : IReceptionFilter, IRecipientPolicy, IMailFromPolicy
{
    public static readonly SmtpReply Refusal = new(452, "4.3.1", "Insufficient system storage, try again later");

    private readonly string _path;
    private readonly DiskGuardOptions _options;
    private readonly Func<string, DiskSpace> _probe;
    private readonly Action<MtaEvent> _raise;
    private readonly TimeProvider _time;
    private readonly ILogger<DiskGuard> _logger;
    private readonly Lock _lock = new();
    private volatile bool _low;

    public DiskGuard(string path, DiskGuardOptions options, Action<MtaEvent> raise, TimeProvider time, ILogger<DiskGuard> logger, Func<string, DiskSpace>? probe = null)
    {
        _path = path;
        _options = options;
        _raise = raise;
        _time = time;
        _logger = logger;
        _probe = probe ?? DiskSpace.Of;
    }

    public int Order => 0;

    /// <summary>True while the last measurement was below a threshold.</summary>
    public bool IsLow => _low;

    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Check() ? ReceptionVerdict.Stop(Refusal) : ReceptionVerdict.Continue);

    public RecipientDecision Evaluate(in RecipientCheck check) =>
        _low ? RecipientDecision.Reject(Refusal, "disk low") : RecipientDecision.Continue;

    /// <summary>At MAIL FROM the space is measured afresh (one statvfs), so acceptance resumes as soon as space is freed.</summary>
    public SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress) => Check() ? Refusal : null;

    /// <summary>Measures now; raises or clears the alert on a change. Returns true while space is low.</summary>
    public bool Check()
    {
        DiskSpace space;
        try
        {
            space = _probe(_path);
        }
        catch (IOException)
        {
            return _low; // cannot measure: keep the last verdict
        }
        var low = (_options.MinFreeBytes > 0 && space.FreeBytes < _options.MinFreeBytes)
                  || (_options.MinFreePercent > 0 && space.FreePercent < _options.MinFreePercent);
        lock (_lock)
        {
            if (low == _low) return low;
            _low = low;
        }
        var detail = low
            ? $"Disk low: {space.FreeBytes} bytes ({space.FreePercent:0.##}%) free in {_path}; refusing new mail (threshold {_options.MinFreeBytes} bytes, {_options.MinFreePercent}%)"
            : $"Disk space recovered: {space.FreeBytes} bytes ({space.FreePercent:0.##}%) free in {_path}; accepting mail again";
        if (low) LogLow(_logger, space.FreeBytes, _path);
        else LogRecovered(_logger, space.FreeBytes, _path);
        _raise(new MtaEvent { Type = MtaEventType.Alert, Timestamp = _time.GetUtcNow(), Detail = detail, Code = low ? 452 : null, EnhancedCode = low ? "4.3.1" : null });
        return low;
    }

    [LoggerMessage(3001, LogLevel.Warning, "Disk low: {FreeBytes} bytes free in {Path}; new mail gets 452 4.3.1")]
    private static partial void LogLow(ILogger logger, long freeBytes, string path);

    [LoggerMessage(3002, LogLevel.Information, "Disk space recovered: {FreeBytes} bytes free in {Path}")]
    private static partial void LogRecovered(ILogger logger, long freeBytes, string path);
}
