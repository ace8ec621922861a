using System.Net;
using System.Security.Authentication;
using System.Text;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>A fake HTTPS layer for the policy fetcher: per host, a status, Content-Type and body, or a certificate failure.</summary>
public sealed class FakePolicyHttpHandler : HttpMessageHandler
{
    public sealed record Response(int Status, string ContentType, byte[] Body, bool CertificateRejected = false);

    private readonly Dictionary<string, Response> _responses = new(StringComparer.OrdinalIgnoreCase);

    public List<Uri> Requests { get; } = [];

    public FakePolicyHttpHandler Serve(string host, int status, string contentType, string body, bool certificateRejected = false)
    {
        _responses[host] = new Response(status, contentType, Encoding.UTF8.GetBytes(body), certificateRejected);
        return this;
    }

    public FakePolicyHttpHandler ServeBytes(string host, int status, string contentType, byte[] body)
    {
        _responses[host] = new Response(status, contentType, body);
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Add(request.RequestUri!);
        if (!_responses.TryGetValue(request.RequestUri!.Host, out var r))
            throw new HttpRequestException("Name or service not known", new System.Net.Sockets.SocketException(11001));
        if (r.CertificateRejected)
            throw new HttpRequestException("The SSL connection could not be established", new AuthenticationException("The remote certificate is invalid"));
        var content = new ByteArrayContent(r.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
        return Task.FromResult(new HttpResponseMessage((HttpStatusCode)r.Status) { Content = content });
    }
}
