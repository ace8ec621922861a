using Appliance.Web.Data;

namespace Appliance.Web.Modules.Inspection;

/// <summary>The inspection module's table: <see cref="ContentRetentionSettings"/> (the content itself is files).</summary>
public sealed class InspectionModel : ModuleModel;
