namespace Appliance.Web.Data.Entities;

/// <summary>Keys of the <see cref="Setting"/> table.</summary>
public static class SettingKeys
{
    /// <summary>The appliance's host name (EHLO name and the name in DSNs), set by the setup wizard.</summary>
    public const string Hostname = "System:Hostname";
}
