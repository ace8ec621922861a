using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster;

/// <summary>
/// Stops start-up naming each bad <c>Appliance:Cluster</c> key of <see cref="ClusterOptions"/>: in cluster mode the
/// node-to-node secret is required (an internal API without it would be open to anyone who reaches the port).
/// </summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.Secret))
            errors.Add($"{ClusterOptions.Section}:Secret is required in cluster mode (the same random string on every node, at least {ClusterOptions.MinSecretLength} characters).");
        else if (options.Enabled && options.Secret!.Trim().Length < ClusterOptions.MinSecretLength)
            errors.Add($"{ClusterOptions.Section}:Secret must be at least {ClusterOptions.MinSecretLength} characters.");
        if (options.InternalUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"{ClusterOptions.Section}:InternalUrl must be an absolute http:// or https:// URL ('{url}').");
        if (options.FanOutTimeout <= TimeSpan.Zero) errors.Add($"{ClusterOptions.Section}:FanOutTimeout must be positive.");
        if (options.SignatureWindow <= TimeSpan.Zero) errors.Add($"{ClusterOptions.Section}:SignatureWindow must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
