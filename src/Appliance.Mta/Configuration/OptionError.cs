namespace Appliance.Mta.Configuration;

/// <summary>One invalid setting: its configuration key (e.g. "Appliance:Smtp:MaxMessageSize") and what is wrong.</summary>
public sealed record OptionError(string Key, string Message)
{
    /// <summary>"key: message", the form used in validation failures and logs.</summary>
    public override string ToString() => $"{Key}: {Message}";
}
