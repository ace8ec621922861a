namespace Appliance.Mta.Admin;

/// <summary>A ready queue: (egress source, destination site).</summary>
public sealed record ReadyQueueInfo(string Name, string EgressSource, string Site, int Messages, int Connections, bool Suspended, string? LastResponse);
