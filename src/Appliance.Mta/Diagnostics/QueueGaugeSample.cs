namespace Appliance.Mta.Diagnostics;

/// <summary>One queue's depth and oldest message age, as reported by <see cref="QueueInstruments"/>.</summary>
public sealed record QueueGaugeSample(string Queue, int Depth, double OldestAgeSeconds);
