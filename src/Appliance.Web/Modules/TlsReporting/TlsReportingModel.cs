using Appliance.Web.Data;

namespace Appliance.Web.Modules.TlsReporting;

/// <summary>The TLS reporting tables: daily outcome counts per policy domain, the policy applied, report deliveries.</summary>
public sealed class TlsReportingModel : ModuleModel;
