using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Appliance.Web.E2ETests.Infrastructure;
using Appliance.Web.E2ETests.Monitoring;
using Appliance.Web.Security;
using Appliance.Web.Security.Access;
using Microsoft.Playwright;

namespace Appliance.Web.E2ETests.TenantUsers;

/// <summary>
/// A tenant user's whole life in Chromium, on the published folder in Production (<see cref="TenantHost"/>): a global
/// admin invites from the tenant's Users page, the invitation travels through the appliance's own queue to a recording
/// SMTP sink, the mailed link sets the password, and the new TenantAdmin sees only its tenant. Then, with that user's
/// cookie, every page route and every API operation of /openapi/v1.json is walked from the declared access table
/// (<see cref="EndpointAccessTable"/>): global pages are refused, the API takes keys only (401), another tenant's
/// objects answer 404, its own pages open.
/// </summary>
[Collection(TenantHostCollection.Name)]
public sealed partial class TenantUserE2ETests(TenantHost host)
{
    private const string NewUserPassword = "Tenant-Passw0rd!";

    /// <summary>Route segments whose parameter names a tenant's object (as in the in-process enumeration test).</summary>
    private static readonly HashSet<string> TenantSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "tenants", "settings", "smtp-credentials", "api-keys", "domains", "webhooks", "messages", "reports",
    };

    /// <summary>Pages of the tenant view that name their tenant in the query (?tenant=id) rather than the route.</summary>
    private static readonly string[] TenantQueryPages = ["/domains", "/webhooks", "/suppressions/settings"];

    [BrowserFact]
    public async Task An_invited_tenant_admin_sets_a_password_from_the_mailed_link_and_sees_only_its_tenant()
    {
        Assert.True(SmtpSink.Available, "python3-aiosmtpd is required");
        await using var sink = await MaildirSink.StartAsync();
        using var api = host.Api();
        var a = await host.TenantAsync("Alpha Shop");
        var b = await host.TenantAsync("Beta Shop");
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{a}/domains", new { name = "alpha.example", algorithm = "ed25519" })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync($"/api/v1/tenants/{b}/domains", new { name = "beta.example", algorithm = "ed25519" })).IsSuccessStatusCode);
        // The invitee's domain goes to the sink; everything else stays on the host's closed catch-all route.
        Assert.True((await api.PostAsJsonAsync("/api/v1/routes", new { domain = "alpha.example", host = "127.0.0.1", port = sink.Port, tls = "disabled" })).IsSuccessStatusCode);

        // The global admin invites from tenant A's Users page.
        await using (var admin = await Browser.LaunchAsync(host.BaseUrl))
        {
            await admin.LoginAsync(Users.AdminEmail, Users.Password);
            await admin.GotoInteractiveAsync($"/tenants/{a}/users");
            await admin.Page.FillAsync("#invite-email input", "owner@alpha.example");
            await admin.Page.ClickAsync("#invite-role .mud-select");
            await admin.Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('TenantAdmin')");
            // The list closes once the circuit has taken the choice; a submit before that invites with the default
            // role (TenantViewer), as a rehearsal under load did.
            await Assertions.Expect(admin.Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
            await admin.Page.ClickAsync("#invite-submit");
            await Assertions.Expect(admin.Page.Locator("#open-invitations tr", new() { HasTextString = "owner@alpha.example" })).ToContainTextAsync("TenantAdmin");
        }

        var mail = await sink.WaitForAsync("owner@alpha.example", TimeSpan.FromSeconds(60));
        var link = Link().Match(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal));
        Assert.True(link.Success, "No invitation link in the delivered mail:\n" + mail);
        Assert.Contains("Auto-Submitted: auto-generated", mail);

        await using var tenantUser = await Browser.LaunchAsync(host.BaseUrl);
        var page = tenantUser.Page;
        await page.GotoAsync(link.Groups["path"].Value);
        await Assertions.Expect(page.Locator("#invitation-email")).ToHaveTextAsync("owner@alpha.example");
        await page.FillAsync("#password", NewUserPassword);
        await page.FillAsync("#confirm", NewUserPassword);
        await page.ClickAsync("#accept-submit");

        // Signed in, in the tenant view: its dashboard, its tenant, no global menu entry, only its domain.
        await tenantUser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("#tenant-dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tenant-scope")).ToContainTextAsync(a);
        await Assertions.Expect(page.Locator("#current-user")).ToHaveTextAsync("owner@alpha.example");
        var menu = page.Locator("#nav-menu");
        foreach (var global in new[] { "Tenants", "Queues", "Routes", "Settings", "IP pools", "Audit log" })
            await Assertions.Expect(menu.GetByText(global, new() { Exact = true })).ToHaveCountAsync(0);
        await tenantUser.GotoInteractiveAsync("/domains");
        await Assertions.Expect(page.Locator("#domains-table")).ToContainTextAsync("alpha.example");
        await Assertions.Expect(page.Locator("#domains-table")).Not.ToContainTextAsync("beta.example");
        await Assertions.Expect(page.Locator("#tenant-filter")).ToHaveCountAsync(0);

        // In-app navigation to a global page: the router refuses it too.
        await page.EvaluateAsync("Blazor.navigateTo('/settings')");
        await Assertions.Expect(page.Locator("#access-denied")).ToBeVisibleAsync();

        // The walk: every page route over HTTP with the tenant user's cookie, answered as its row says.
        var objects = new Dictionary<string, (string Own, string Foreign)>(StringComparer.OrdinalIgnoreCase)
        {
            ["domains"] = ("alpha.example", "beta.example"),
            ["tenants"] = (a, b),
            ["settings"] = (a, b), // /api/v1/suppressions/settings/{tenantId}
            ["messages"] = ("no-such-message", "no-such-message"),
            ["invitation"] = ("no-such-token", "no-such-token"),
        };
        var failures = new List<string>();
        foreach (var template in PageRoutes())
        {
            var row = EndpointAccessTable.Find("GET", template);
            Assert.NotNull(row);
            foreach (var foreign in new[] { false, true })
            {
                var path = Fill(template, objects, foreign);
                var response = await page.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
                var location = response.Headers.GetValueOrDefault("location", "");
                var allowed = row.Anonymous || row.CookieRoles.Contains(ApplianceRoles.TenantAdmin);
                var tenantBound = template.Contains('{', StringComparison.Ordinal) && template.Split('/')[1] is "domains" or "tenants";
                var ok = !allowed ? response.Status == 302 && location.Contains("/account/access-denied", StringComparison.Ordinal)
                    : foreign && tenantBound ? response.Status == 404
                    : response.Status is 200 or 404;
                if (!ok) failures.Add($"{path}: {response.Status} {location} (row allows tenant admins: {allowed})");
            }
        }

        // Pages of the tenant view that name their tenant in the query: another tenant's id is 404, the own one opens.
        foreach (var query in TenantQueryPages)
        {
            var foreign = await page.APIRequest.GetAsync($"{query}?tenant={Uri.EscapeDataString(b)}", new() { MaxRedirects = 0 });
            if (foreign.Status != 404) failures.Add($"{query}?tenant={b}: {foreign.Status}, expected 404 (another tenant)");
            var own = await page.APIRequest.GetAsync($"{query}?tenant={Uri.EscapeDataString(a)}", new() { MaxRedirects = 0 });
            if (own.Status != 200) failures.Add($"{query}?tenant={a}: {own.Status}, expected 200 (its own tenant)");
        }

        // Every API operation the published host documents, with the same cookie: as its row says for a tenant user.
        var operations = await WalkApiAsync(page.APIRequest, objects, failures);
        Assert.True(operations > 50, $"only {operations} API probes: is /openapi/v1.json complete?");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(tenantUser.Errors);
    }

    /// <summary>
    /// Probes every operation of /openapi/v1.json (tenant-bound ones on the own tenant's and on the other tenant's
    /// objects) with the signed-in tenant user's cookie; an answer outside the row goes to <paramref name="failures"/>.
    /// Writes the row allows are not sent (the walk changes nothing); the number of probes sent is returned.
    /// </summary>
    private static async Task<int> WalkApiAsync(IAPIRequestContext request, Dictionary<string, (string Own, string Foreign)> objects, List<string> failures)
    {
        var openApi = await request.GetAsync("/openapi/v1.json");
        Assert.Equal(200, openApi.Status);
        using var document = JsonDocument.Parse(await openApi.TextAsync());
        var probes = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is not ("get" or "post" or "put" or "patch" or "delete")) continue;
                var method = operation.Name.ToUpperInvariant();
                var row = EndpointAccessTable.Find(method, path.Name);
                if (row is null)
                {
                    failures.Add($"{method} {path.Name}: no row in EndpointAccessTable");
                    continue;
                }
                var tenantBound = Parameter().Matches(path.Name).Any(m => TenantSegments.Contains(m.Groups["segment"].Value));
                foreach (var foreign in tenantBound ? new[] { false, true } : [true])
                {
                    var expected = ExpectedForTenantAdmin(row, foreign && tenantBound);
                    if (expected == Expected.Allowed && method != "GET") continue;
                    var options = new APIRequestContextOptions { Method = method, MaxRedirects = 0 };
                    if (ContentTypeOf(operation.Value) is { } contentType)
                    {
                        options.Headers = new Dictionary<string, string> { ["Content-Type"] = contentType };
                        options.Data = contentType == "application/json" ? "{}" : "";
                    }
                    var target = Fill(path.Name, objects, foreign, TypedParameters(operation.Value));
                    var response = await request.FetchAsync(target, options);
                    probes++;
                    var location = response.Headers.GetValueOrDefault("location", "");
                    var denied = response.Status is 301 or 302 or 303 or 307 && location.Contains("/account/access-denied", StringComparison.Ordinal);
                    var login = response.Status is 301 or 302 or 303 or 307 && location.Contains("/account/login", StringComparison.Ordinal);
                    var refused = response.Status is 401 or 403 || denied || (login && !row.Anonymous);
                    var ok = expected switch
                    {
                        Expected.Unauthorized => response.Status == 401,
                        Expected.Denied => denied,
                        Expected.NotFound => response.Status == 404,
                        _ => !refused,
                    };
                    if (!ok) failures.Add($"{method} {target}: {response.Status} {location}, expected {expected} (row {row.Method} {row.Route})");
                }
            }
        return probes;
    }

    /// <summary>A tenant user is a cookie user: API rows without cookie roles take keys only (401); a row that does not
    /// list TenantAdmin denies; another tenant's object is 404, like a missing one.</summary>
    private static Expected ExpectedForTenantAdmin(EndpointAccess row, bool foreign) =>
        row.Anonymous ? Expected.Allowed
        : row.CookieRoles.Count == 0 ? Expected.Unauthorized
        : !row.CookieRoles.Contains(ApplianceRoles.TenantAdmin) ? Expected.Denied
        : foreign ? Expected.NotFound
        : Expected.Allowed;

    /// <summary>The first media type of the operation's request body (routing answers 415 to any other).</summary>
    private static string? ContentTypeOf(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault()
            : null;

    /// <summary>Every routable Blazor page of the app (@page compiles to [Route]).</summary>
    private static IEnumerable<string> PageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => t != "/account/login" && t != "/setup" && t != "/account/login-2fa") // signed-in visitors are sent on
            .Distinct();

    /// <summary>Fills each {parameter} with the own or the other tenant's object named after the segment before it
    /// (an id of nothing for the rest: the answers the walk checks there do not depend on the object).</summary>
    private static string Fill(string template, Dictionary<string, (string Own, string Foreign)> objects, bool foreign, Dictionary<string, string>? typed = null) =>
        Parameter().Replace(template, m =>
        {
            var segment = m.Groups["segment"].Value;
            var value = objects.TryGetValue(segment, out var o) ? (foreign ? o.Foreign : o.Own)
                : typed?.GetValueOrDefault(m.Groups["name"].Value) ?? "no-such-" + segment;
            return $"/{segment}/{Uri.EscapeDataString(value)}";
        });

    [GeneratedRegex(@"https://panel\.example\.test(?<path>/account/invitation/[A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    /// <summary>Values of nothing for the path parameters a route constraint types (a number, a GUID): a text there
    /// would not reach the endpoint at all (routing's 404).</summary>
    private static Dictionary<string, string> TypedParameters(JsonElement operation)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!operation.TryGetProperty("parameters", out var parameters)) return values;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.GetProperty("in").GetString() != "path" || !parameter.TryGetProperty("schema", out var schema)) continue;
            var type = schema.TryGetProperty("type", out var t) ? t.ToString() : ""; // "integer" or ["integer","string"]
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (format == "uuid") values[parameter.GetProperty("name").GetString()!] = "00000000-0000-0000-0000-00000000e2e0";
            else if (type.Contains("integer", StringComparison.Ordinal) || format is "int32" or "int64") values[parameter.GetProperty("name").GetString()!] = "987654";
        }
        return values;
    }

    [GeneratedRegex(@"/(?<segment>[^/{}]+)/\{(?<name>[^}]+)\}")]
    private static partial Regex Parameter();

    private enum Expected
    {
        Allowed,
        Unauthorized,
        Denied,
        NotFound,
    }
}
