namespace Appliance.Web.Configuration;

/// <summary>
/// First-start provisioning, bound from "Appliance:Bootstrap". Used only while no admin user
/// (or no admin API key) exists; values are never logged.
/// </summary>
public sealed class BootstrapOptions
{
    public const string Section = "Appliance:Bootstrap";

    /// <summary>E-mail (and user name) of the first administrator.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Password of the first administrator; must satisfy the Identity password rules.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>An API key to store (hashed) as the first admin-scoped key. At least <see cref="MinApiKeyLength"/> characters.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the first admin API key, used when <see cref="ApiKey"/> is empty. The packages
    /// generate /etc/appliance/api-key at install (root:appliance 0640), so the `appliance` CLI works at once.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>Shorter keys are refused: the stored SHA-256 is only safe for high-entropy keys.</summary>
    public const int MinApiKeyLength = 16;
}
