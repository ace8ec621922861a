using Microsoft.AspNetCore.Routing;

namespace Appliance.Web.Security.Access;

/// <summary>
/// At start, lists the mapped endpoints that have no row in <see cref="EndpointAccessTable"/> (they answer 403) as a
/// critical log line, so a forgotten row shows up before the first request; the enumeration test fails on the same list.
/// </summary>
public sealed class EndpointAccessStartupCheck(EndpointDataSource endpoints, ILogger<EndpointAccessStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = EndpointAccessTable.Undeclared(endpoints.Endpoints);
        if (missing.Count > 0) EndpointAccessLog.UndeclaredAtStart(logger, string.Join(", ", missing));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
