using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Security;

/// <summary>Encrypts smart-host AUTH passwords of static routes at rest (<c>Routes.ProtectedPassword</c>).</summary>
public sealed class RoutePasswordProtector(IDataProtectionProvider provider) : SecretProtector(provider, Purpose)
{
    public const string Purpose = "Appliance.Routes.SmartHostPassword.v1";
}
