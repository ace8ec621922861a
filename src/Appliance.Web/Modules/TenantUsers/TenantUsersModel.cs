using Appliance.Web.Data;

namespace Appliance.Web.Modules.TenantUsers;

/// <summary>The tenant-users module's tables: <see cref="TenantInvitation"/> (the users themselves are Identity's).</summary>
public sealed class TenantUsersModel : ModuleModel;
