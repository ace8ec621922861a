namespace Appliance.Web.Data.Entities;

/// <summary>A run-time setting as a key/value pair (e.g. "System:Hostname"); see <see cref="SettingKeys"/>.</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
