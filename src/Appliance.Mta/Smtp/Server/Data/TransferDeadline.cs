namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// The deadline of one message transfer (DATA, or all BDAT chunks of a transaction): it starts at
/// <c>start + baseTime</c> and moves one second later for every <c>minRate</c> octets received, the way Postfix's
/// smtpd_min_data_rate and per-request deadline work. A client that trickles content slower than the minimum rate
/// runs out of time however often it sends a byte; a fast client is never cut off.
/// </summary>
internal struct TransferDeadline
{
    private DateTimeOffset _deadline;
    private double _secondsPerOctet;

    /// <summary>True between the start of a transfer and its end.</summary>
    public bool Active { get; private set; }

    public void Start(DateTimeOffset now, TimeSpan baseTime, int minRate)
    {
        Active = minRate > 0;
        _deadline = now + baseTime;
        _secondsPerOctet = minRate > 0 ? 1.0 / minRate : 0;
    }

    public void Credit(long octets)
    {
        if (Active && octets > 0) _deadline += TimeSpan.FromSeconds(octets * _secondsPerOctet);
    }

    public void Stop() => Active = false;

    /// <summary>Time left; <see cref="TimeSpan.MaxValue"/> when no deadline applies.</summary>
    public readonly TimeSpan Remaining(DateTimeOffset now) => Active ? _deadline - now : TimeSpan.MaxValue;
}
