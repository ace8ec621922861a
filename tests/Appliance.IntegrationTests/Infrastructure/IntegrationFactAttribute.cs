namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="FactAttribute"/> that skips, with the reason, when a required external
/// peer (swaks, dnsmasq, aiosmtpd) is not installed. <c>.ci/run</c> installs them all,
/// so in CI every scenario runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IntegrationFactAttribute : FactAttribute
{
    /// <summary>Declares the peers the scenario needs.</summary>
    public IntegrationFactAttribute(Tool requires)
    {
        Requires = requires;
        if (ToolPaths.MissingReason(requires) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The peers this scenario needs.</summary>
    public Tool Requires { get; }
}
