namespace Appliance.Web.Services;

/// <summary>Maps a failed <see cref="ServiceResult{T}"/> to the API's RFC 7807 answers (400 / 404 / 409).</summary>
public static class ServiceResultHttp
{
    public static IResult ToProblem<T>(this ServiceResult<T> result) => result.Outcome switch
    {
        ServiceOutcome.Invalid => TypedResults.ValidationProblem(result.Errors),
        ServiceOutcome.NotFound => Api.ApiProblems.NotFound(result.Detail ?? "Not found."),
        ServiceOutcome.Conflict => Api.ApiProblems.Conflict(result.Detail ?? "Conflict."),
        _ => throw new InvalidOperationException("The operation succeeded; there is no problem to report."),
    };
}
