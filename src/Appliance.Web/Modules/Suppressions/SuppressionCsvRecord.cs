namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// One record of a suppression import: the 1-based line where it starts, its fields, its text as read and, when its
/// CSV quoting is broken, why (the fields are then empty).
/// </summary>
public sealed record SuppressionCsvRecord(int Line, string[] Fields, string Text, string? Error);
