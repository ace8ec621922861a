using Appliance.Web.Data;

namespace Appliance.Web.Modules.Domains;

/// <summary>The domains module's tables: sending domains, DKIM keys, tenant sending policies, DNS check history.</summary>
public sealed class DomainsModel : ModuleModel;
