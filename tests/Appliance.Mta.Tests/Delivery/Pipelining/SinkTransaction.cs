namespace Appliance.Mta.Tests.Delivery.Pipelining;

/// <summary>One transaction a <see cref="PipeliningSink"/> saw: its connection, recipients, Subject, the reply to its dot.</summary>
internal sealed record SinkTransaction(int Connection, string Recipients, string Subject, string DotReply, bool GroupBehindDot)
{
    public bool Accepted => DotReply.StartsWith("250", StringComparison.Ordinal);
}
