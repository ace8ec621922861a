namespace Appliance.Web.Api.Contracts;

/// <summary>The answer to a queue operation with "dryRun": true: how many items it would affect; nothing changed.</summary>
public sealed record QueueOperationResult(int Affected, bool DryRun);
