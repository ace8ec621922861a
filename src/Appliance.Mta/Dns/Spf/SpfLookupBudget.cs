namespace Appliance.Mta.Dns.Spf;

/// <summary>The per-evaluation limits: 10 DNS-querying terms and 2 void lookups (RFC 7208 §4.6.4).</summary>
internal sealed class SpfLookupBudget
{
    public const int MaxDnsTerms = 10;
    public const int MaxVoidLookups = 2;

    private int _terms;
    private int _voids;

    public void CountTerm(string term)
    {
        if (++_terms > MaxDnsTerms) throw SpfAbortException.Perm($"more than {MaxDnsTerms} DNS-querying terms (at '{term}')");
    }

    public void CountVoid(string name)
    {
        if (++_voids > MaxVoidLookups) throw SpfAbortException.Perm($"more than {MaxVoidLookups} void lookups (at '{name}')");
    }
}
