namespace Appliance.Web.Modules.Inspection;

/// <summary>The defaults and bounds of a tenant's retention settings, checked by the API and the Tenants page alike.</summary>
public static class ContentRetentionRules
{
    /// <summary>Days kept unless set: a week covers "why did Monday's mailing bounce?".</summary>
    public const int DefaultDays = 7;

    /// <summary>At most 90 days: inspection is for troubleshooting, not an archive.</summary>
    public const int MaxDays = 90;

    /// <summary>Per-tenant budget unless set: 1 GiB.</summary>
    public const int DefaultBudgetMegabytes = 1024;

    /// <summary>At most 1 TiB per tenant.</summary>
    public const int MaxBudgetMegabytes = 1024 * 1024;

    /// <summary>Field errors (camelCase field names, as the API's problem details); empty when valid.</summary>
    public static IReadOnlyDictionary<string, string> Validate(int days, int budgetMegabytes)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (days is < 1 or > MaxDays) errors["days"] = $"days must be between 1 and {MaxDays}.";
        if (budgetMegabytes is < 1 or > MaxBudgetMegabytes) errors["budgetMegabytes"] = $"budgetMegabytes must be between 1 and {MaxBudgetMegabytes}.";
        return errors;
    }
}
