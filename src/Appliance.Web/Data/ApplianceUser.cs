using Microsoft.AspNetCore.Identity;

namespace Appliance.Web.Data;

/// <summary>An administrator of the appliance (ASP.NET Core Identity user).</summary>
public sealed class ApplianceUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
