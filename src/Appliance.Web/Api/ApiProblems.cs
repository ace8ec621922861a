namespace Appliance.Web.Api;

/// <summary>RFC 7807 problem results shared by the endpoints.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>One field error as a 400 ValidationProblem.</summary>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The engine did not register a service the endpoint needs (e.g. still a stub).</summary>
    public static IResult EngineUnavailable(string service) =>
        TypedResults.Problem($"The MTA engine does not provide {service}.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Engine Unavailable");
}
