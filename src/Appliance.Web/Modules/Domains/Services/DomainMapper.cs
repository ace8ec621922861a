using Appliance.Mta.Dkim;
using Appliance.Web.Modules.Domains.Contracts;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Rotation;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>Entities to API/UI records.</summary>
public static class DomainMapper
{
    public static DomainResponse ToResponse(SendingDomain d, DomainCheckRun? latest)
    {
        var selectors = d.Keys.Where(k => k.Status != DkimKeyStatus.Retired)
            .OrderBy(k => k.Status).ThenBy(k => k.Algorithm).Select(k => ToResponse(d.Name, k)).ToList();
        return new DomainResponse(
            d.Name, d.TenantId, AlgorithmName(d.Algorithm), d.ReturnPathDomain, d.CreatedAt,
            selectors.Where(s => s.Status == "active").ToList(), selectors,
            RotationSteps.Describe(d), latest is null ? null : StatusName(latest.Worst), latest?.CheckedAt);
    }

    public static DkimSelectorResponse ToResponse(string domain, DkimKey k) => new(
        k.Selector, DkimTxtRecord.KeyType(k.Algorithm), k.Status.ToString().ToLowerInvariant(),
        DkimRecordProbe.RecordName(k.Selector, domain), k.TxtRecord, DkimTxtRecord.Split(k.TxtRecord),
        k.CreatedAt, k.ActivatedAt, k.RetiredAt);

    public static string AlgorithmName(DkimAlgorithmChoice a) => a.ToString().ToLowerInvariant();

    /// <summary>"rsa" (also the default for null/empty), "ed25519" or "dual".</summary>
    public static bool TryParseAlgorithm(string? text, out DkimAlgorithmChoice choice)
    {
        DkimAlgorithmChoice? parsed = string.IsNullOrWhiteSpace(text) ? DkimAlgorithmChoice.Rsa : text.Trim().ToLowerInvariant() switch
        {
            "rsa" => DkimAlgorithmChoice.Rsa,
            "ed25519" => DkimAlgorithmChoice.Ed25519,
            "dual" => DkimAlgorithmChoice.Dual,
            _ => null,
        };
        choice = parsed ?? DkimAlgorithmChoice.Rsa;
        return parsed is not null;
    }

    public static string StatusName(Mta.DomainHealth.DnsCheckStatus s) => s.ToString().ToLowerInvariant();

    public static string EnforcementName(FromDomainEnforcement e) => char.ToLowerInvariant(e.ToString()[0]) + e.ToString()[1..];

    public static bool TryParseEnforcement(string? text, out FromDomainEnforcement enforcement)
    {
        enforcement = FromDomainEnforcement.SignOwnOnly;
        var t = text?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return !string.IsNullOrEmpty(t) && !int.TryParse(t, out _) && Enum.TryParse(t, ignoreCase: true, out enforcement) && Enum.IsDefined(enforcement);
    }
}
