using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Dns.Spf;

/// <summary>The mechanisms of RFC 7208 §5.</summary>
public sealed partial class SpfEvaluator
{
    private async Task<bool> MatchesAsync(SpfTerm term, SpfMacroContext context, SpfLookupBudget budget, CancellationToken ct)
    {
        var ip = context.Ip;
        switch (term.Kind)
        {
            case SpfMechanismKind.All:
                return true;
            case SpfMechanismKind.Ip4:
            case SpfMechanismKind.Ip6:
                return IpNetwork.Contains(term.Network!, ip.AddressFamily == AddressFamily.InterNetwork ? term.Cidr4 : term.Cidr6, ip);
        }
        var target = term.DomainSpec is null ? context.Domain : await ExpandDomainAsync(term.DomainSpec, context, ct).ConfigureAwait(false);
        return term.Kind switch
        {
            SpfMechanismKind.Include => await IncludeAsync(target, context, budget, ct).ConfigureAwait(false),
            SpfMechanismKind.A => await MatchHostAsync(target, term, ip, budget, countVoid: true, ct).ConfigureAwait(false),
            SpfMechanismKind.Mx => await MatchMxAsync(target, term, ip, budget, ct).ConfigureAwait(false),
            SpfMechanismKind.Ptr => await MatchPtrAsync(target, ip, ct).ConfigureAwait(false),
            SpfMechanismKind.Exists => await ExistsAsync(target, budget, ct).ConfigureAwait(false),
            _ => false,
        };
    }

    /// <summary>§5.2: pass matches; fail/softfail/neutral do not; temperror/permerror propagate; none is a permerror.</summary>
    private async Task<bool> IncludeAsync(string target, SpfMacroContext context, SpfLookupBudget budget, CancellationToken ct)
    {
        var result = await CheckAsync(target, context, budget, explain: false, ct).ConfigureAwait(false);
        return result.Result switch
        {
            SpfResult.Pass => true,
            SpfResult.None => throw SpfAbortException.Perm($"include target '{target}' has no SPF record"),
            _ => false,
        };
    }

    /// <summary>§5.3: the A (IPv4 client) or AAAA (IPv6 client) records of the target, with the CIDR length.</summary>
    private async Task<bool> MatchHostAsync(string host, SpfTerm term, IPAddress ip, SpfLookupBudget budget, bool countVoid, CancellationToken ct)
    {
        if (!SpfDomainName.IsValid(host))
        {
            if (countVoid) budget.CountVoid(host);
            return false;
        }
        var answer = await _dns.ResolveAddressesAsync(host, ct).ConfigureAwait(false);
        if (answer.IsTransient) throw SpfAbortException.Temp($"address lookup of {host}: {answer.Status}");
        var sameFamily = answer.Records.Where(a => a.AddressFamily == ip.AddressFamily).ToList();
        if (sameFamily.Count == 0)
        {
            if (countVoid) budget.CountVoid(host);
            return false;
        }
        var prefix = ip.AddressFamily == AddressFamily.InterNetwork ? term.Cidr4 : term.Cidr6;
        return sameFamily.Any(a => IpNetwork.Contains(a, prefix, ip));
    }

    /// <summary>§5.4: the MX hosts' addresses; more than 10 MX records is a permerror (§4.6.4).</summary>
    private async Task<bool> MatchMxAsync(string domain, SpfTerm term, IPAddress ip, SpfLookupBudget budget, CancellationToken ct)
    {
        if (!SpfDomainName.IsValid(domain))
        {
            budget.CountVoid(domain);
            return false;
        }
        var answer = await _dns.ResolveMxAsync(domain, ct).ConfigureAwait(false);
        if (answer.IsTransient) throw SpfAbortException.Temp($"MX lookup of {domain}: {answer.Status}");
        if (answer.Records.Count == 0)
        {
            budget.CountVoid(domain);
            return false;
        }
        if (answer.Records.Count > 10) throw SpfAbortException.Perm($"{domain} has {answer.Records.Count} MX records (limit 10)");
        foreach (var mx in answer.Records.OrderBy(m => m.Preference))
        {
            if (mx.Exchange == ".") continue;
            if (await MatchHostAsync(mx.Exchange, term, ip, budget, countVoid: false, ct).ConfigureAwait(false)) return true;
        }
        return false;
    }

    /// <summary>§5.5: a validated PTR name equal to or below the target; DNS errors mean no match.</summary>
    private async Task<bool> MatchPtrAsync(string target, IPAddress ip, CancellationToken ct)
    {
        var names = await ValidatedNamesAsync(ip, ct).ConfigureAwait(false);
        return names.Any(n => SpfDomainName.IsSameOrSubdomain(n, target));
    }

    /// <summary>§5.7: an A query (always A, whatever the client's family); any answer matches.</summary>
    private async Task<bool> ExistsAsync(string target, SpfLookupBudget budget, CancellationToken ct)
    {
        if (!SpfDomainName.IsValid(target))
        {
            budget.CountVoid(target);
            return false;
        }
        var answer = await _dns.ResolveAddressesAsync(target, ct).ConfigureAwait(false);
        if (answer.IsTransient) throw SpfAbortException.Temp($"A lookup of {target}: {answer.Status}");
        if (answer.Records.Any(a => a.AddressFamily == AddressFamily.InterNetwork)) return true;
        budget.CountVoid(target);
        return false;
    }
}
