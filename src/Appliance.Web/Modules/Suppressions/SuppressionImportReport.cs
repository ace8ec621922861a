namespace Appliance.Web.Modules.Suppressions;

/// <summary>The validation report of a CSV import: lines imported, lines rejected and the first 1000 rejections.</summary>
public sealed record SuppressionImportReport(int Imported, int Rejected, IReadOnlyList<SuppressionImportError> Errors);
