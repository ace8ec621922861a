namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// One line of <see cref="LimitsSink"/>'s event log: <paramref name="Kind"/> is open, close, ehlo, msg or defer;
/// <paramref name="Concurrent"/> is the number of open connections right after an open.
/// </summary>
public sealed record LimitsSinkEvent(string Kind, DateTimeOffset Time, int Connection, string? Peer, string? Name, int Concurrent, string? MessageId);
