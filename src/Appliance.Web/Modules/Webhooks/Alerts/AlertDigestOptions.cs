namespace Appliance.Web.Modules.Webhooks.Alerts;

/// <summary>The alert digest mailed to an admin address ("Appliance:Alerts").</summary>
public sealed class AlertDigestOptions
{
    public const string Section = "Appliance:Alerts";

    /// <summary>Where the digest goes; null or empty: no digest (alerts still reach system webhooks and the event log).</summary>
    public string? DigestTo { get; set; }

    /// <summary>Sender (From: and MAIL FROM); null: appliance-alerts@ the host name.</summary>
    public string? DigestFrom { get; set; }

    /// <summary>How often pending alerts are mailed as one digest (one mail per interval at most, none when quiet).</summary>
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Alerts listed in one digest; the rest are counted ("and N more", all in the event log).</summary>
    public int MaxAlertsPerDigest { get; set; } = 200;

    public bool Enabled => !string.IsNullOrWhiteSpace(DigestTo);
}
