using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Limits;

/// <summary>Stops start-up naming each bad <c>Appliance:Cluster</c> key (<see cref="ClusterLimitsOptions.Validate"/>).</summary>
public sealed class ClusterLimitsOptionsValidator : IValidateOptions<ClusterLimitsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
