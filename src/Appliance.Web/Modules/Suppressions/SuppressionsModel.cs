using Appliance.Web.Data;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>The suppressions module's tables: suppressions and per-tenant feedback settings.</summary>
public sealed class SuppressionsModel : ModuleModel;
