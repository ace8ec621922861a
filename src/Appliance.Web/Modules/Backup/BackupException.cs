namespace Appliance.Web.Modules.Backup;

/// <summary>A backup or restore that cannot proceed, with a message for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
