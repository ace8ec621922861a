using System.Net;

namespace Appliance.Mta.Dns.Spf;

/// <summary>
/// RFC 7208 check_host() over <see cref="IDnsResolver"/>: record selection (§4.4, §4.5), strict parsing (§4.6),
/// mechanisms (§5), redirect/exp (§6), macros (§7), the DNS-term and void-lookup limits (§4.6.4).
/// DNS timeouts and SERVFAIL give temperror.
/// </summary>
public sealed partial class SpfEvaluator
{
    private readonly IDnsResolver _dns;
    private readonly TimeProvider _time;
    private readonly string _receivingHost;

    /// <summary>
    /// An evaluator asking <paramref name="dns"/>; <paramref name="time"/> gives the %{t} macro and <paramref
    /// name="receivingHost"/> the %{r} macro (RFC 7208 §7.2).
    /// </summary>
    public SpfEvaluator(IDnsResolver dns, TimeProvider time, string receivingHost = "unknown")
    {
        _dns = dns;
        _time = time;
        _receivingHost = receivingHost;
    }

    /// <summary>
    /// check_host(&lt;ip&gt;, &lt;domain&gt;, &lt;sender&gt;). An empty <paramref name="sender"/> means
    /// "postmaster@" + <paramref name="helo"/> (RFC 7208 §2.4).
    /// </summary>
    public async Task<SpfCheckResult> CheckHostAsync(IPAddress ip, string domain, string sender, string helo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ip);
        ArgumentNullException.ThrowIfNull(domain);
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (string.IsNullOrEmpty(sender)) sender = "postmaster@" + helo;
        else if (!sender.Contains('@', StringComparison.Ordinal)) sender = "postmaster@" + sender;
        else if (sender.StartsWith('@')) sender = "postmaster" + sender;
        var context = new SpfMacroContext(sender, domain, ip, helo ?? string.Empty, _receivingHost, _time.GetUtcNow());
        try
        {
            return await CheckAsync(domain, context, new SpfLookupBudget(), explain: true, ct).ConfigureAwait(false);
        }
        catch (SpfAbortException abort)
        {
            return new SpfCheckResult(abort.Result, null, abort.Message);
        }
    }

    /// <summary>Fetches and parses the SPF record of <paramref name="domain"/>; null with the reason when there is none.</summary>
    public async Task<(SpfRecord? Record, SpfResult Result, string Reason)> FetchRecordAsync(string domain, CancellationToken ct)
    {
        try
        {
            var record = await LookupRecordAsync(domain, ct).ConfigureAwait(false);
            return record is null ? (null, SpfResult.None, $"{domain} publishes no SPF record") : (record, SpfResult.Pass, "ok");
        }
        catch (SpfAbortException abort)
        {
            return (null, abort.Result, abort.Message);
        }
    }

    /// <summary>The raw text of the domain's single v=spf1 record, or "v=spf1" when there is none or several.</summary>
    public async Task<string> FetchRecordTextAsync(string domain, CancellationToken ct)
    {
        var answer = await _dns.ResolveTxtAsync(domain, ct).ConfigureAwait(false);
        var records = answer.Records.Where(SpfRecordParser.IsSpfRecord).ToList();
        return records.Count == 1 ? records[0] : "v=spf1";
    }

    private async Task<SpfCheckResult> CheckAsync(string domain, SpfMacroContext context, SpfLookupBudget budget, bool explain, CancellationToken ct)
    {
        // §4.3: a malformed or single-label domain gives none.
        if (!SpfDomainName.IsValid(domain)) return new SpfCheckResult(SpfResult.None, null, $"'{domain}' is not a valid domain");
        var record = await LookupRecordAsync(domain, ct).ConfigureAwait(false);
        if (record is null) return new SpfCheckResult(SpfResult.None, null, $"{domain} publishes no SPF record");
        context = context with { Domain = domain };
        foreach (var term in record.Terms)
        {
            if (term.CountsAsDnsLookup) budget.CountTerm(term.Text);
            if (!await MatchesAsync(term, context, budget, ct).ConfigureAwait(false)) continue;
            var explanation = term.Qualifier == SpfResult.Fail && explain && record.Exp is not null
                ? await ExplainAsync(record.Exp, context, ct).ConfigureAwait(false)
                : null;
            return new SpfCheckResult(term.Qualifier, explanation, $"{domain}: matched '{term.Text}'");
        }
        if (record.Redirect is not null)
        {
            // §6.1: redirect counts as a DNS term; a target without a record is a permerror.
            budget.CountTerm("redirect=" + record.Redirect);
            var target = await ExpandDomainAsync(record.Redirect, context, ct).ConfigureAwait(false);
            var result = await CheckAsync(target, context, budget, explain, ct).ConfigureAwait(false);
            if (result.Result == SpfResult.None) throw SpfAbortException.Perm($"redirect target '{target}' has no SPF record");
            return result;
        }
        return new SpfCheckResult(SpfResult.Neutral, null, $"{domain}: no mechanism matched");
    }

    /// <summary>§4.4/§4.5: the single v=spf1 TXT record of the domain, null when none; temperror/permerror thrown.</summary>
    private async Task<SpfRecord?> LookupRecordAsync(string domain, CancellationToken ct)
    {
        var answer = await _dns.ResolveTxtAsync(domain, ct).ConfigureAwait(false);
        if (answer.IsTransient) throw SpfAbortException.Temp($"TXT lookup of {domain}: {answer.Status}");
        var records = answer.Records.Where(SpfRecordParser.IsSpfRecord).ToList();
        if (records.Count == 0) return null;
        if (records.Count > 1) throw SpfAbortException.Perm($"{domain} publishes {records.Count} SPF records");
        var parsed = SpfRecordParser.Parse(records[0]);
        return parsed.Record ?? throw SpfAbortException.Perm($"{domain}: {parsed.Error}");
    }

    /// <summary>§6.2: the exp= text; any problem (DNS, not exactly one record, bad syntax) means no explanation.</summary>
    private async Task<string?> ExplainAsync(string expSpec, SpfMacroContext context, CancellationToken ct)
    {
        try
        {
            var target = await ExpandDomainAsync(expSpec, context, ct).ConfigureAwait(false);
            if (!SpfDomainName.IsValid(target)) return null;
            var answer = await _dns.ResolveTxtAsync(target, ct).ConfigureAwait(false);
            if (answer.Status != DnsStatus.Ok || answer.Records.Count != 1) return null;
            var text = answer.Records[0];
            if (SpfMacro.Validate(text, explain: true) is not null) return null;
            return await ExpandAsync(text, context, explain: true, ct).ConfigureAwait(false);
        }
        catch (SpfAbortException)
        {
            return null;
        }
    }

    private async Task<string> ExpandDomainAsync(string spec, SpfMacroContext context, CancellationToken ct) =>
        SpfDomainName.Truncate(await ExpandAsync(spec, context, explain: false, ct).ConfigureAwait(false));

    private async Task<string> ExpandAsync(string text, SpfMacroContext context, bool explain, CancellationToken ct)
    {
        if (text.Contains("%{p", StringComparison.OrdinalIgnoreCase))
            context = context with { ValidatedName = await ValidatedNameAsync(context, ct).ConfigureAwait(false) };
        return SpfMacro.Expand(text, context, explain);
    }

    /// <summary>§7.3 %{p}: a PTR name that resolves back to the IP, preferring the current domain; else "unknown".</summary>
    private async Task<string> ValidatedNameAsync(SpfMacroContext context, CancellationToken ct)
    {
        var names = await ValidatedNamesAsync(context.Ip, ct).ConfigureAwait(false);
        return names.FirstOrDefault(n => SpfDomainName.IsSameOrSubdomain(n, context.Domain)) ?? names.FirstOrDefault() ?? "unknown";
    }

    /// <summary>§5.5: PTR names (first 10) whose A/AAAA records include the IP; DNS errors drop a name.</summary>
    private async Task<List<string>> ValidatedNamesAsync(IPAddress ip, CancellationToken ct)
    {
        var ptr = await _dns.ResolvePtrAsync(ip, ct).ConfigureAwait(false);
        var validated = new List<string>();
        foreach (var name in ptr.Records.Take(10))
        {
            var addresses = await _dns.ResolveAddressesAsync(name, ct).ConfigureAwait(false);
            if (addresses.Records.Any(a => a.Equals(ip))) validated.Add(name);
        }
        return validated;
    }
}
