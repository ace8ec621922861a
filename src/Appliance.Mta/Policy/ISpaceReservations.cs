namespace Appliance.Mta.Policy;

/// <summary>
/// Disk space that messages still being received will take in the data folder. The SMTP session reserves a
/// message's declared SIZE at MAIL FROM (RFC 1870), then the bytes it receives beyond that in steps as they arrive,
/// and releases everything when the transaction ends however it ends (250, refusal, RSET, disconnect). So
/// concurrent large messages cannot together run the disk below the free-space threshold between two measurements.
/// </summary>
public interface ISpaceReservations
{
    /// <summary>Adds <paramref name="bytes"/> to the reservations; false (and nothing reserved) when the free space
    /// minus every reservation would fall below the threshold: the session answers 452 4.3.1.</summary>
    bool TryReserve(long bytes);

    /// <summary>Gives back bytes reserved by <see cref="TryReserve"/>.</summary>
    void Release(long bytes);

    /// <summary>Bytes reserved now by all sessions.</summary>
    long Reserved { get; }
}
