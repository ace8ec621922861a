namespace Appliance.Mta.Tests.Shaping;

/// <summary>One line of shaping_sink.py's log: a connection opened or closed, or a message received.</summary>
public sealed record SinkEvent(string Event, string? Ip, int Open, string? Helo, string? From, IReadOnlyList<string> Rcpts, double T);
