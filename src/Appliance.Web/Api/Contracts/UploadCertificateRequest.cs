namespace Appliance.Web.Api.Contracts;

/// <summary>PUT /api/v1/tls/certificate: PEM certificate (leaf first, then intermediates) and its unencrypted PEM key.</summary>
public sealed record UploadCertificateRequest(string? Certificate, string? Key);
