using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster;

/// <summary>Stops start-up naming each bad <c>Appliance:Cluster</c> key (<see cref="ClusterOptions.Validate"/>).</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
