namespace Appliance.Web.Services;

/// <summary>
/// The typed result of <see cref="QueueOperations.RunAsync"/>: the API turns it into 200 / RFC 7807 problems, the
/// Queues page into a snackbar, both with the same texts (<see cref="Message"/>).
/// </summary>
public sealed record QueueOperationOutcome(QueueOperationStatus Status, int Affected, bool DryRun, IReadOnlyDictionary<string, string[]> Errors, string? Detail)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static QueueOperationOutcome Done(int affected, bool dryRun) => new(QueueOperationStatus.Done, affected, dryRun, NoErrors, null);

    public static QueueOperationOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(QueueOperationStatus.Invalid, 0, false, errors, null);

    public static QueueOperationOutcome Forbidden(string detail) => new(QueueOperationStatus.Forbidden, 0, false, NoErrors, detail);

    public static QueueOperationOutcome Unavailable() => new(QueueOperationStatus.Unavailable, 0, false, NoErrors, "The MTA engine is not running in this process.");

    /// <summary>One line for a person: the detail, or every field error.</summary>
    public string Message => Detail ?? string.Join(" ", Errors.Values.SelectMany(v => v));
}
