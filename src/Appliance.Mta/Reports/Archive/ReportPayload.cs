namespace Appliance.Mta.Reports.Archive;

/// <summary>One decompressed document: its name (attachment or entry name, possibly empty) and its bytes.</summary>
public sealed record ReportPayload(string Name, byte[] Content);
