namespace Appliance.Mta.DomainHealth;

/// <summary>Verdict of one DNS health check.</summary>
public enum DnsCheckStatus
{
    /// <summary>As it should be.</summary>
    Pass = 0,
    /// <summary>Works, but something should change.</summary>
    Warn = 1,
    /// <summary>Broken: mail is affected.</summary>
    Fail = 2,
}
