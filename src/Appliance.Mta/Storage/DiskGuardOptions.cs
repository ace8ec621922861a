namespace Appliance.Mta.Storage;

/// <summary>Free-space thresholds of the data folder (configuration section Appliance:Storage).</summary>
public sealed class DiskGuardOptions
{
    /// <summary>Configuration section of these options.</summary>
    public const string Section = "Appliance:Storage";

    /// <summary>New mail is refused while fewer bytes than this are free. 0 disables the byte threshold.</summary>
    public long MinFreeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>New mail is refused while less than this percentage of the file system is free. 0 disables it.</summary>
    public double MinFreePercent { get; set; } = 1;
}
