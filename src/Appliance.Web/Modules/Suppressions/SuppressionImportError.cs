namespace Appliance.Web.Modules.Suppressions;

/// <summary>One rejected CSV line: its number (1-based), its text and why.</summary>
public sealed record SuppressionImportError(int Line, string Text, string Error);
