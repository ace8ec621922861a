namespace Appliance.Web.Services;

/// <summary>
/// The typed result of a management operation shared by the API and the pages: a value, or field errors
/// (camelCase field names, as in the API's ValidationProblem), or a not-found / conflict detail.
/// </summary>
public sealed class ServiceResult<T>
{
    private ServiceResult(ServiceOutcome outcome, T? value, IReadOnlyDictionary<string, string[]> errors, string? detail)
    {
        Outcome = outcome;
        Value = value;
        Errors = errors;
        Detail = detail;
    }

    public ServiceOutcome Outcome { get; }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public string? Detail { get; }

    public bool Succeeded => Outcome == ServiceOutcome.Ok;

    /// <summary>Every message in one list (field errors, then the detail), for a page to show.</summary>
    public IEnumerable<string> Messages => Errors.SelectMany(e => e.Value).Concat(Detail is null ? [] : [Detail]);

    public static ServiceResult<T> Ok(T value) => new(ServiceOutcome.Ok, value, Empty, null);

    public static ServiceResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ServiceOutcome.Invalid, default, errors, null);

    public static ServiceResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ServiceResult<T> NotFound(string detail) => new(ServiceOutcome.NotFound, default, Empty, detail);

    public static ServiceResult<T> Conflict(string detail) => new(ServiceOutcome.Conflict, default, Empty, detail);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}
