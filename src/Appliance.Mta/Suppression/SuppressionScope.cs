namespace Appliance.Mta.Suppression;

/// <summary>Where a suppression applies. A lookup checks the broadest scope first: global, tenant, sender domain.</summary>
public enum SuppressionScope
{
    /// <summary>Every tenant and sender (spam traps, legal requests).</summary>
    Global,
    /// <summary>One tenant's mail (the scope key is the tenant id).</summary>
    Tenant,
    /// <summary>Mail from one sender domain (the scope key is the MAIL FROM / From domain, A-label, lower case).</summary>
    SenderDomain,
}
