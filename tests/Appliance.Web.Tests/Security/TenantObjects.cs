namespace Appliance.Web.Tests.Security;

/// <summary>The real objects of one tenant created by <see cref="AuthorizationWorld"/>, used to fill route parameters.</summary>
public sealed record TenantObjects(string Tenant, string Domain, string Webhook, string Message, string Credential, string ApiKeyId, string Report);
