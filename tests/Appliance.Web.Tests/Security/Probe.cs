using Appliance.Mta.Dns;
using Appliance.Web.Security.Access;

namespace Appliance.Web.Tests.Security;

/// <summary>One request of the enumeration test: a caller, an operation or page with its parameters filled, and what its row expects.</summary>
/// <param name="Foreign">True when the route names tenant B's objects (for tenant A's keys: another tenant's).</param>
public sealed record Probe(Caller Caller, string Method, string Template, string Path, bool Foreign, EndpointAccess Access, Expect Expected)
{
    /// <summary>The request body's media type from the OpenAPI document; null = no body.</summary>
    public string? ContentType { get; init; }

    /// <summary>Changes that later probes depend on (deleting objects, signing out) run last.</summary>
    public bool Destructive => Method == "DELETE" || Template == "/account/logout";

    public override string ToString() => $"{Caller} {Method} {Path} (row {Access.Method} {Access.Route}, expected {Expected})";
}
