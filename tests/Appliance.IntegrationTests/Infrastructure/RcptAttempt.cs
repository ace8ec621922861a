namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>One RCPT command seen by the sink, with the reply code it got.</summary>
public sealed record RcptAttempt(string Recipient, int Code, DateTimeOffset Time);
