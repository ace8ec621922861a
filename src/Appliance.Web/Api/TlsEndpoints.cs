using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Security;
using Appliance.Web.Services;
using Appliance.Web.Services.Tls;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/tls/certificate: the SMTP listeners' certificate, as on the Listeners and TLS page (global keys only).
/// GET describes the live certificate; PUT (admin) validates and installs a PEM pair without a restart.
/// </summary>
public static class TlsEndpoints
{
    public static RouteGroupBuilder MapTlsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tls/certificate", (ListenerCertificateService certificates) =>
            certificates.Current() is { } info ? TypedResults.Ok(info) : ApiProblems.EngineUnavailable("SMTP listeners")).WithSummary("The SMTP listeners' certificate (subject, SANs, validity)").WithTags("Listeners and TLS").ProducesProblem(503);
        api.MapPut("/tls/certificate", UploadAsync).WithSummary("Upload a PEM certificate and key for STARTTLS and smtps; used from the next handshake").WithTags("Listeners and TLS").ProducesProblem(400);
        return api;
    }

    private static async Task<IResult> UploadAsync(UploadCertificateRequest request, ClaimsPrincipal user, ListenerCertificateService certificates, CancellationToken ct)
    {
        var result = await certificates.InstallAsync(request.Certificate, request.Key, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : result.ToProblem();
    }
}
