namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// The delivery state persisted for a message: which recipients are finished (delivered or bounced),
/// how many attempts were made, and when the next is due. A later record replaces an earlier one.
/// </summary>
public sealed record MessageProgress(int[] Done, int Attempts, long NextAttemptUnixMs, string? LastResponse)
{
    /// <summary>The progress of a message just accepted: nothing finished, no attempt, due now.</summary>
    public static readonly MessageProgress Initial = new([], 0, 0, null);
}
