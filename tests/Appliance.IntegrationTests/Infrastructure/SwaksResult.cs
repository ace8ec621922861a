namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Exit code and full transcript of one swaks run.</summary>
public sealed record SwaksResult(int ExitCode, string Output)
{
    /// <summary>The queue id from the "250 ... " reply to DATA's end, if any (last 250 line before QUIT).</summary>
    public string? LastDataReply =>
        Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("<-  250", StringComparison.Ordinal)).LastOrDefault();
}
