using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Mta.Dns;
using Appliance.Mta.Http;

namespace Appliance.Mta.Delivery.MtaSts;

/// <summary>
/// Fetches https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt (RFC 8461 §3.3): certificate validated
/// (<see cref="MtaStsTrust"/>), no redirects, HTTP 200 and text/plain only, a size cap and a timeout.
/// The policy host is resolved through <see cref="IDnsResolver"/> like every other engine lookup, and connected to
/// only at an address <see cref="OutboundHttpGuard"/> allows (a policy host named by someone else's DNS must not
/// reach the appliance's own or private addresses).
/// </summary>
public sealed class MtaStsPolicyFetcher : IMtaStsPolicySource, IDisposable
{
    private readonly IDnsResolver? _dns;
    private readonly OutboundHttpGuard? _guard;
    private readonly MtaStsOptions _options;
    private readonly HttpClient _http;

    /// <summary>
    /// A fetcher that resolves policy hosts through <paramref name="dns"/>, connects only where <paramref
    /// name="guard"/> allows, validates certificates with <paramref name="trust"/> and applies the size cap, port and
    /// timeout of <paramref name="options"/>.
    /// </summary>
    public MtaStsPolicyFetcher(IDnsResolver dns, MtaStsOptions options, MtaStsTrust trust, OutboundHttpGuard guard)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(guard);
        _dns = dns;
        _guard = guard;
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // §3.3: redirects MUST NOT be followed.
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.FetchTimeout,
            ConnectCallback = ConnectAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, errors) => trust.Validate(cert, chain, errors) is null;
        _http = new HttpClient(handler) { Timeout = options.FetchTimeout };
    }

    /// <summary>Over a given handler (tests: a fake HTTPS layer). The handler must validate certificates itself.</summary>
    public MtaStsPolicyFetcher(MtaStsOptions options, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dns = null;
        _options = options;
        _http = new HttpClient(handler) { Timeout = options.FetchTimeout };
    }

    /// <summary>
    /// The policy URL for <paramref name="domain"/>: https://mta-sts.{domain}/.well-known/mta-sts.txt (RFC 8461 §3.3),
    /// with <paramref name="port"/> written only when it is not 443.
    /// </summary>
    public static Uri PolicyUri(string domain, int port) =>
        new($"https://mta-sts.{domain.TrimEnd('.')}{(port == 443 ? "" : ":" + port)}/.well-known/mta-sts.txt");

    /// <inheritdoc/>
    public async Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domain);
        try
        {
            using var response = await _http.GetAsync(PolicyUri(domain, _options.PolicyPort), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                return MtaStsFetchResult.Failed("sts-policy-fetch-error", $"HTTP {(int)response.StatusCode} from the policy host");
            if (!MtaStsPolicyParser.IsAcceptableContentType(response.Content.Headers.ContentType?.ToString()))
                return MtaStsFetchResult.Failed("sts-policy-invalid", $"Content-Type '{response.Content.Headers.ContentType}' is not text/plain");
            var body = await ReadCappedAsync(response, ct).ConfigureAwait(false);
            if (body is null) return MtaStsFetchResult.Failed("sts-policy-invalid", $"policy larger than {_options.MaxPolicyBytes} bytes");
            var (policy, error) = MtaStsPolicyParser.Parse(body);
            return policy is null ? MtaStsFetchResult.Failed("sts-policy-invalid", error!) : new MtaStsFetchResult(policy, body, null, null);
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return MtaStsFetchResult.Failed("sts-webpki-invalid", $"policy host certificate rejected: {e.InnerException.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or SocketException && !ct.IsCancellationRequested)
        {
            return MtaStsFetchResult.Failed("sts-policy-fetch-error", $"policy fetch failed: {e.Message}");
        }
    }

    private async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[_options.MaxPolicyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct).ConfigureAwait(false)) > 0) total += read;
        return total > _options.MaxPolicyBytes ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }

    private ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct) =>
        _guard!.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ResolveAsync, ct);

    private async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct) =>
        (await _dns!.ResolveAddressesAsync(host, ct).ConfigureAwait(false)).Records;

    /// <summary>Releases the HTTP client and its connections.</summary>
    public void Dispose() => _http.Dispose();
}
