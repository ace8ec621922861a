using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Appliance.Web.Tests.Infrastructure;

/// <summary>
/// First middleware of the test host: a request carrying <see cref="Header"/> comes from that address (TestServer has
/// no TCP peer), so per-address limits can be tested with several clients.
/// </summary>
public sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value)) context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            return nextMiddleware(context);
        });
        next(app);
    };
}
