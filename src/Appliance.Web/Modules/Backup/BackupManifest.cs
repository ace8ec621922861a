namespace Appliance.Web.Modules.Backup;

/// <summary>What <c>backup.json</c> records about an archive.</summary>
public sealed record BackupManifest(int Format, string Version, DateTimeOffset CreatedAt, string Hostname, int SpoolSegments, bool IncludesEvents)
{
    public const int CurrentFormat = 1;
}
