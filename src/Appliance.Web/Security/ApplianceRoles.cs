namespace Appliance.Web.Security;

/// <summary>Identity role names. Admin may change settings; Operator runs queues; Viewer only reads.</summary>
public static class ApplianceRoles
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];
}
