namespace Appliance.Web.Modules.Domains.Entities;

/// <summary>Life of one DKIM key: Pending (published, not yet signing) → Active → Retiring (grace) → Retired.</summary>
public enum DkimKeyStatus
{
    Pending,
    Active,
    Retiring,
    Retired,
}
