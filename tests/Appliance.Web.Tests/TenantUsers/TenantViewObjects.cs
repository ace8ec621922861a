namespace Appliance.Web.Tests.TenantUsers;

/// <summary>The objects of one tenant in <see cref="TenantViewWorld"/>, with the texts a page shows for them.</summary>
public sealed record TenantViewObjects(string Tenant, string Domain, string Webhook, string WebhookUrl, string Credential, string KeyName, string Org, string Suppressed);
