namespace Appliance.Mta.DomainHealth;

/// <summary>Verdict of one DNS health check.</summary>
public enum DnsCheckStatus
{
    Pass = 0,
    Warn = 1,
    Fail = 2,
}
