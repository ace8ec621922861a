using Appliance.Web.Data;

namespace Appliance.Web.Modules.Reports;

/// <summary>The reports module's tables: reports with raw bytes, their parsed rows, IMAP mailboxes, the ingestion log, raised alerts.</summary>
public sealed class ReportsModel : ModuleModel;
