namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>An <see cref="IntegrationFactAttribute"/> that also skips, with the reason, when a tmpfs cannot be mounted.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    /// <summary>Declares the peers the scenario needs besides the mount.</summary>
    public TmpfsFactAttribute(Tool requires)
    {
        Skip = ToolPaths.MissingReason(requires) ?? TmpfsMount.MissingReason;
    }
}
