namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Replies collected while sending one message over <see cref="SmtpSubmit"/>.</summary>
public sealed record SubmitResult(SmtpWireReply Mail, IReadOnlyList<SmtpWireReply> Rcpts, SmtpWireReply? Data, SmtpWireReply? EndOfData)
{
    /// <summary>True when the message was accepted (250 after the final dot).</summary>
    public bool Accepted => EndOfData is { Code: 250 };

    /// <summary>Readable transcript for assertion messages.</summary>
    public override string ToString() =>
        $"MAIL: {Mail}; RCPT: [{string.Join("; ", Rcpts)}]; DATA: {Data}; end: {EndOfData}";
}
