namespace Appliance.Web.Modules.Suppressions;

public sealed record SuppressionPage(IReadOnlyList<SuppressionDto> Items, int Total);
