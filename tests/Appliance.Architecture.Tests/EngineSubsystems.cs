namespace Appliance.Architecture.Tests;

/// <summary>
/// The unit the engine's no-cycle rule is stated over: a subsystem is the first namespace segment below
/// <c>Appliance.Mta</c> (<c>Queue</c> with <c>Queue.Spool</c>, <c>Delivery</c> with <c>Delivery.MtaSts</c>, <c>Reports</c>
/// with its parsers), except that <c>Smtp</c> is three: the wire types (<c>Smtp</c>), the server (<c>Smtp.Server</c>)
/// and the client (<c>Smtp.Client</c>), which are independent halves. A subsystem's own sub-namespaces may use each
/// other; two subsystems may not.
/// </summary>
public static class EngineSubsystems
{
    public const string Root = "Appliance.Mta";

    /// <summary>The subsystem of <paramref name="ns"/>, or null outside the engine.</summary>
    public static string? Of(string? ns)
    {
        if (ns is null || !(ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal))) return null;
        if (ns == Root) return Root;
        var segments = ns[(Root.Length + 1)..].Split('.');
        var depth = segments[0] == "Smtp" ? 2 : 1;
        return Root + "." + string.Join('.', segments.Take(depth));
    }
}
