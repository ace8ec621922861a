using Appliance.Web.Data;

namespace Appliance.Web.Modules.BounceRules;

/// <summary>The bounce rules module's table: custom rules layered over the shipped rules file.</summary>
public sealed class BounceRulesModel : ModuleModel;
