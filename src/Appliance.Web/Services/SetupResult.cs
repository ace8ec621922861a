namespace Appliance.Web.Services;

/// <summary>Outcome of <see cref="SetupService.CompleteAsync"/>: success, or messages to show.</summary>
public sealed record SetupResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static SetupResult Ok { get; } = new(true, []);

    public static SetupResult Fail(params string[] errors) => new(false, errors);
}
