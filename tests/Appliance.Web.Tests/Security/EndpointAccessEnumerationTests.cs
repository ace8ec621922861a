using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.Mta.Dns;
using Appliance.Web.Security;
using Appliance.Web.Security.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// Every operation of /openapi/v1.json and every routable Blazor page, tried by every kind of caller (nobody, a wrong
/// key, tenant A's viewer/operator/admin keys on tenant B's objects and on their own, global keys and cookie users of
/// each role) against <see cref="EndpointAccessTable"/>: an endpoint without a row, or an answer outside its row, fails.
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed partial class EndpointAccessEnumerationTests(AuthorizationWorld world, ITestOutputHelper output)
{
    private static readonly Caller[] Keys = [Caller.TenantViewer, Caller.TenantOperator, Caller.TenantAdmin, Caller.GlobalViewer, Caller.GlobalOperator, Caller.GlobalAdmin];
    private static readonly Caller[] Cookies = [Caller.CookieViewer, Caller.CookieOperator, Caller.CookieAdmin, Caller.TenantUserAdmin, Caller.TenantUserViewer];

    /// <summary>Route segments whose parameter names a tenant's object (filled with tenant A's or B's).</summary>
    private static readonly Dictionary<string, Func<TenantObjects, string>> TenantSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tenants"] = t => t.Tenant,
        ["settings"] = t => t.Tenant, // /suppressions/settings/{tenantId}
        ["smtp-credentials"] = t => t.Credential,
        ["api-keys"] = t => t.ApiKeyId,
        ["domains"] = t => t.Domain,
        ["webhooks"] = t => t.Webhook,
        ["messages"] = t => t.Message,
        ["reports"] = t => t.Report,
    };

    /// <summary>
    /// Pages of the tenant view that name their tenant in the query (?tenant=id) rather than the route: probed as
    /// tenant users with tenant B's id (404, like an unknown tenant) and with A's own (allowed).
    /// </summary>
    private static readonly string[] TenantQueryPages = ["/webhooks", "/suppressions/settings", "/domains"];

    /// <summary>Callers limited to tenant A (its API keys and its users): probed on B's objects and on A's own.</summary>
    private static bool OfTenantA(Caller caller) =>
        caller is Caller.TenantViewer or Caller.TenantOperator or Caller.TenantAdmin or Caller.TenantUserAdmin or Caller.TenantUserViewer;

    /// <summary>
    /// Valid bodies where a handler validates the body before it looks the object up (so that a foreign object's 404
    /// is reached); every other write gets "{}".
    /// </summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["PUT /api/v1/webhooks/{id}"] = """{"url":"http://127.0.0.1:9/hook","eventTypes":["delivery"]}""",
        ["POST /api/v1/webhooks/{id}/resend"] = """{"from":"2030-01-01T00:00:00Z","to":"2030-01-02T00:00:00Z"}""",
    };

    [Fact]
    public void Every_mapped_endpoint_has_a_declared_row()
    {
        var endpoints = world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        Assert.Empty(EndpointAccessTable.Undeclared(endpoints));
    }

    [Fact]
    public void Every_row_names_a_mapped_endpoint()
    {
        var endpoints = world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var mapped = endpoints.SelectMany(e => Rows(e)).ToHashSet();

        Assert.Empty(EndpointAccessTable.Entries.Where(e => !mapped.Contains(e)).Select(e => e.Key));
    }

    [Fact]
    public async Task Every_operation_and_page_answers_every_caller_as_its_row_says()
    {
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        var probes = new List<Probe>();
        foreach (var (method, template, contentType) in await OperationsAsync())
            probes.AddRange(ProbesOf(method, template, contentType, [Caller.None, Caller.WrongKey, .. Keys, .. Cookies], failures));
        foreach (var template in Pages()) probes.AddRange(ProbesOf("GET", template, null, [Caller.None, Caller.WrongKey, Caller.TenantAdmin, Caller.GlobalAdmin, .. Cookies], failures));
        probes.AddRange(TenantQueryProbes());

        // Refusals first (they must change nothing), then allowed reads and writes, then deletions and sign-outs.
        await RunAsync(probes.Where(p => p.Expected != Expect.Allowed), failures);
        await RunAsync(probes.Where(p => p.Expected == Expect.Allowed && !p.Destructive), failures);
        await RunAsync(probes.Where(p => p.Expected == Expect.Allowed && p.Destructive), failures);

        output.WriteLine($"{probes.Count} probes in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.IsEmpty, $"{failures.Count} answers outside the table:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
    }

    private async Task<List<(string Method, string Template, string? ContentType)>> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await world.Clients[Caller.None].GetStringAsync("/openapi/v1.json"));
        var operations = new List<(string, string, string?)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                if (operation.Name is "get" or "post" or "put" or "patch" or "delete")
                    operations.Add((operation.Name.ToUpperInvariant(), path.Name, ContentTypeOf(operation.Value)));
        Assert.NotEmpty(operations);
        return operations;
    }

    /// <summary>The route templates of the Blazor pages (@page compiles to [Route]).</summary>
    private static IEnumerable<string> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .Distinct();

    /// <summary>The first media type of the operation's request body (routing answers 415 to any other).</summary>
    private static string? ContentTypeOf(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault()
            : null;

    private IEnumerable<Probe> ProbesOf(string method, string template, string? contentType, Caller[] callers, ConcurrentBag<string> failures)
    {
        var access = EndpointAccessTable.Find(method, template);
        if (access is null)
        {
            failures.Add($"{method} {template}: no row in EndpointAccessTable");
            yield break;
        }
        var tenantBound = Parameters().Matches(template).Any(m => TenantSegments.ContainsKey(m.Groups["segment"].Value));
        foreach (var caller in callers)
        {
            yield return Create(caller, foreign: true);
            if (tenantBound && OfTenantA(caller)) yield return Create(caller, foreign: false);
        }

        Probe Create(Caller caller, bool foreign) =>
            new(caller, method, template, Fill(template, foreign ? world.B : world.A), foreign && tenantBound, access, Expected(caller, access, foreign && tenantBound))
            {
                ContentType = contentType,
            };
    }

    private IEnumerable<Probe> TenantQueryProbes()
    {
        foreach (var page in TenantQueryPages)
        {
            var access = EndpointAccessTable.Find("GET", page) ?? throw new InvalidOperationException($"{page}: no row");
            foreach (var caller in new[] { Caller.TenantUserAdmin, Caller.TenantUserViewer })
            {
                yield return new Probe(caller, "GET", page, $"{page}?tenant={Uri.EscapeDataString(world.B.Tenant)}", true, access, Expected(caller, access, foreign: true));
                yield return new Probe(caller, "GET", page, $"{page}?tenant={Uri.EscapeDataString(world.A.Tenant)}", false, access, Expected(caller, access, foreign: false));
            }
        }
    }

    private string Fill(string template, TenantObjects tenant) =>
        Parameters().Replace(template, m =>
        {
            var segment = m.Groups["segment"].Value;
            var value = TenantSegments.TryGetValue(segment, out var of) ? of(tenant)
                : world.GlobalObjects.TryGetValue(segment, out var global) ? global
                : throw new InvalidOperationException($"{template}: no object for the parameter after '{segment}'; add one to AuthorizationWorld.");
            return $"/{segment}/{Uri.EscapeDataString(value)}";
        });

    private static Expect Expected(Caller caller, EndpointAccess access, bool foreign)
    {
        if (access.Anonymous) return Expect.Allowed;
        var cookieOnly = !access.AcceptsKeys;
        switch (caller)
        {
            case Caller.None:
                return cookieOnly ? Expect.Login : Expect.Unauthorized;
            case Caller.WrongKey:
                return cookieOnly ? Expect.Refused : Expect.Unauthorized;
            case Caller.CookieViewer or Caller.CookieOperator or Caller.CookieAdmin:
                if (access.CookieRoles.Count == 0) return Expect.Unauthorized;
                return access.CookieRoles.Contains(RoleOf(caller)) ? Expect.Allowed : Expect.Denied;
            case Caller.TenantUserAdmin or Caller.TenantUserViewer:
                // Tenant users are cookie users: API endpoints take keys only (401); a page that does not list their
                // role is denied; a page of the tenant view naming tenant B's object is 404, like a missing one.
                if (access.CookieRoles.Count == 0) return Expect.Unauthorized;
                if (!access.CookieRoles.Contains(RoleOf(caller))) return Expect.Denied;
                return foreign ? Expect.NotFound : Expect.Allowed;
        }
        if (cookieOnly) return Expect.Refused;
        var tenantKey = caller is Caller.TenantViewer or Caller.TenantOperator or Caller.TenantAdmin;
        var roles = tenantKey ? access.TenantKeyRoles : access.GlobalKeyRoles;
        if (!roles.Contains(ApplianceRoles.Viewer) && !roles.Contains(RoleOf(caller))) return Expect.Forbidden;
        if (tenantKey && foreign && access.Tenancy is TenantBinding.RouteTenant or TenantBinding.OwnedObject) return Expect.NotFound;
        return Expect.Allowed;
    }

    private static string RoleOf(Caller caller) => caller switch
    {
        Caller.TenantUserAdmin => ApplianceRoles.TenantAdmin,
        Caller.TenantUserViewer => ApplianceRoles.TenantViewer,
        Caller.TenantViewer or Caller.GlobalViewer or Caller.CookieViewer => ApplianceRoles.Viewer,
        Caller.TenantOperator or Caller.GlobalOperator or Caller.CookieOperator => ApplianceRoles.Operator,
        _ => ApplianceRoles.Admin,
    };

    private async Task RunAsync(IEnumerable<Probe> probes, ConcurrentBag<string> failures) =>
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (probe, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
            request.Content = probe.ContentType switch
            {
                null => null,
                "application/json" => new StringContent(Bodies.GetValueOrDefault($"{probe.Method} {probe.Template}", "{}"), Encoding.UTF8, "application/json"),
                "application/x-www-form-urlencoded" => new FormUrlEncodedContent([]),
                var other => new StringContent("", Encoding.UTF8, other),
            };
            using var response = await world.Clients[probe.Caller].SendAsync(request, ct);
            if (!Matches(probe, response))
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                failures.Add($"{probe}: answered {(int)response.StatusCode} {response.Headers.Location} {body[..Math.Min(body.Length, 160)]}");
            }
        });

    private static bool Matches(Probe probe, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var redirect = status is 301 or 302 or 303 or 307;
        var login = redirect && location.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
        var denied = redirect && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
        var refused = status is 401 or 403 || denied || (login && !probe.Access.Anonymous);
        return probe.Expected switch
        {
            Expect.Allowed => !refused,
            Expect.Unauthorized => status == 401,
            Expect.Forbidden => status == 403,
            Expect.NotFound => status == 404,
            Expect.Login => login,
            Expect.Denied => denied,
            _ => refused,
        };
    }

    private static IEnumerable<EndpointAccess> Rows(Endpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        IEnumerable<string> list = methods is null or { Count: 0 } ? [EndpointAccess.AnyMethod] : methods;
        foreach (var method in list)
            if (EndpointAccessTable.For(endpoint, method) is { } row) yield return row;
    }

    [GeneratedRegex(@"/(?<segment>[^/{}]+)/\{[^}]+\}")]
    private static partial Regex Parameters();
}
