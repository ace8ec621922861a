using Appliance.Mta.Dns;

namespace Appliance.Web.Security.Access;

/// <summary>Log messages of the endpoint access table (event ids 5110–5119).</summary>
internal static partial class EndpointAccessLog
{
    [LoggerMessage(5110, LogLevel.Error, "{Method} {Route} has no row in EndpointAccessTable: answered 403 (fail closed)")]
    public static partial void Undeclared(ILogger logger, string method, string route);

    [LoggerMessage(5111, LogLevel.Critical, "Endpoints without a row in EndpointAccessTable answer 403 until one is added: {Endpoints}")]
    public static partial void UndeclaredAtStart(ILogger logger, string endpoints);

    [LoggerMessage(5112, LogLevel.Warning, "Internal request {Method} {Path} refused ({Check}); calling node {Node}")]
    public static partial void NodeRequestRefused(ILogger logger, string method, string path, string check, string node);
}
