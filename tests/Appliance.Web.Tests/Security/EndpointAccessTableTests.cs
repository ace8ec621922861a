using Appliance.Web.Security.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Web.Tests.Security;

/// <summary>The table's lookup and the middleware's fail-closed answer, without a host.</summary>
public sealed class EndpointAccessTableTests
{
    [Theory]
    [InlineData("DELETE", "/api/v1/tenants/{id}/api-keys/{keyId:int}", "DELETE /api/v1/tenants/{id}/api-keys/{keyid}")]
    [InlineData("get", "/api/v1/suppressions/", "GET /api/v1/suppressions")]
    [InlineData("GET", "{**path:file}", "GET /{**path}")]
    [InlineData("GET", "/scalar/{documentName?}", "GET /scalar/{documentname}")]
    public void Keys_ignore_constraints_optional_markers_trailing_slashes_and_case(string method, string route, string expected) =>
        Assert.Equal(expected, EndpointAccessTable.KeyOf(method, route));

    [Fact]
    public void Rows_are_unique_and_head_falls_back_to_get()
    {
        Assert.Equal(EndpointAccessTable.Entries.Count, EndpointAccessTable.Entries.Select(e => e.Key).Distinct().Count());
        Assert.Same(EndpointAccessTable.Find("GET", "/healthz"), EndpointAccessTable.Find("HEAD", "/healthz"));
        Assert.Null(EndpointAccessTable.Find("DELETE", "/healthz"));
    }

    [Fact]
    public void Bounce_rule_changes_are_for_global_admin_keys_only()
    {
        foreach (var method in new[] { "POST", "PUT", "DELETE" })
        {
            var row = EndpointAccessTable.Find(method, "/api/v1/bounce-rules/{id}")!;
            Assert.Empty(row.TenantKeyRoles);
            Assert.Equal(["Admin"], row.GlobalKeyRoles);
        }
    }

    [Fact]
    public async Task An_endpoint_without_a_row_answers_403_and_never_runs()
    {
        var ran = false;
        var context = new DefaultHttpContext { Request = { Method = "GET" } };
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new RouteEndpoint(_ => { ran = true; return Task.CompletedTask; }, RoutePatternFactory.Parse("/api/v1/forgotten"), 0,
            new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])), "forgotten"));
        var middleware = new EndpointAccessMiddleware(_ => { ran = true; return Task.CompletedTask; }, NullLogger<EndpointAccessMiddleware>.Instance, new StatusOnlyProblems(),
            new Appliance.Web.Cluster.Internal.NodeRequestVerifier(Microsoft.Extensions.Options.Options.Create(new Appliance.Web.Cluster.ClusterOptions()), TimeProvider.System));

        await middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.False(ran);
    }

    private sealed class StatusOnlyProblems : IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) => ValueTask.CompletedTask;
    }
}
