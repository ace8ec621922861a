using System.Text.RegularExpressions;
using static Appliance.Web.Security.ApplianceRoles;

namespace Appliance.Web.Security.Access;

/// <summary>
/// The one declared authorization table: every HTTP endpoint of the host (API, account actions, Blazor pages, hubs,
/// static files) and who may call it. <see cref="EndpointAccessMiddleware"/> enforces it on every request; an endpoint
/// without a row answers 403 (fail closed), <see cref="EndpointAccessStartupCheck"/> logs it at start and the
/// enumeration test (EndpointAccessEnumerationTests) fails. Add a row here when you map an endpoint; see the
/// "Authorization" section of docs/security.md.
/// </summary>
/// <remarks>
/// The /api/v1 endpoints are for API keys only (cookies get 401 there); pages and the account actions are for
/// cookies only. Global policy (bounce rules, shaping, pools, egress, warmup, routes, settings, TLS, users, audit,
/// backup, report mailboxes, report upload, creating and changing tenants) takes global keys; writes need role Admin.
/// Tenant keys get a 403 problem there. Tenant-scoped objects name their tenant (route parameter, checked here) or
/// are looked up by the handler; either way another tenant's object answers 404.
/// </remarks>
public static partial class EndpointAccessTable
{
    private const string Api = "/api/v1";
    private static readonly string[] Everyone = [Admin, Operator, Viewer];
    private static readonly string[] Operators = [Admin, Operator];
    private static readonly string[] Admins = [Admin];

    /// <summary>Pages of the tenant view: global users and tenant users (whose services are scoped to their tenant).</summary>
    private static readonly string[] WithTenantUsers = [Admin, Operator, Viewer, TenantAdmin, TenantViewer];

    /// <summary>Managing one tenant's users: global Admin and TenantAdmin (own tenant; another tenant's id is 404).</summary>
    private static readonly string[] TenantManagers = [Admin, TenantAdmin];

    /// <summary>The row of every endpoint mapped by MapStaticAssets (CSS, scripts, images: anonymous).</summary>
    public static EndpointAccess StaticAssets { get; } = new("GET", "/{static asset}") { Anonymous = true };

    public static IReadOnlyList<EndpointAccess> Entries { get; } =
    [
        // --- Anonymous: probes, public links, the OpenAPI document, the login and setup forms.
        Public("GET", "/healthz"),
        Public(EndpointAccess.AnyMethod, "/metrics"), // its own gate: Appliance:Metrics allowed networks / bearer token
        Public("GET", "/openapi/{documentName}.json"),
        Public("GET", "/unsubscribe/{token}"),
        Public("POST", "/unsubscribe/{token}"), // RFC 8058 one-click unsubscribe
        Public("POST", "/account/logout"), // antiforgery-checked; signing out needs no sign-in
        .. Page("/account/login", anonymous: true),
        .. Page("/account/login-2fa", anonymous: true),
        .. Page("/setup", anonymous: true),
        .. Page("/account/invitation/{token}", anonymous: true), // the one-time token is the credential (docs/tenants.md)
        // Blazor's circuit hub and framework files, and the files of MapStaticAssets (one row for all of them: the
        // endpoints carrying a StaticAssetDescriptor): a circuit renders only what its cookie user may see.
        Public(EndpointAccess.AnyMethod, "/_blazor"),
        Public(EndpointAccess.AnyMethod, "/_blazor/negotiate"),
        Public(EndpointAccess.AnyMethod, "/_blazor/disconnect"),
        Public(EndpointAccess.AnyMethod, "/_blazor/initializers"),
        Public("GET", "/_framework/opaque-redirect"),
        Public("GET", "{**path}"), // the static-file fallback
        StaticAssets,

        // --- Admin-panel pages and account actions (Identity cookie). Changes inside a page go through its services
        // and AuthorizeView; the page itself is what is declared here.
        // Tenant users (TenantAdmin, TenantViewer) reach only the rows that list them: the tenant view. Its pages ask
        // ICallerScope and show their tenant's objects only; another tenant's object answers "not found".
        .. Page("/", WithTenantUsers),
        .. Page("/not-found", WithTenantUsers),
        .. Page("/account", WithTenantUsers),
        .. Page("/account/access-denied", WithTenantUsers),
        .. Page("/account/two-factor", WithTenantUsers),
        .. Page("/messages", WithTenantUsers),
        .. Page("/messages/{id}", WithTenantUsers),
        // A message's retained content (HTML preview, .eml): the content permission, audited (docs/tenants.md).
        Cookie("GET", "/messages/{id}/content/preview", TenantManagers),
        Cookie("GET", "/messages/{id}/content/raw", TenantManagers),
        .. Page("/tenants/{id}/users", TenantManagers),
        .. Page("/queues", Everyone),
        .. Page("/tenants", Everyone),
        .. Page("/domains", WithTenantUsers),
        .. Page("/domains/{name}", WithTenantUsers),
        // The rest of the tenant view: a tenant user sees its own tenant's webhooks, suppressions, reports, SMTP
        // credentials and API keys (?tenant= or {id} naming another tenant answers 404); TenantAdmin changes them.
        .. Page("/tenants/{id}/credentials", WithTenantUsers),
        .. Page("/suppressions", WithTenantUsers),
        .. Page("/suppressions/settings", WithTenantUsers),
        .. Page("/webhooks", WithTenantUsers),
        .. Page("/reports", WithTenantUsers),
        .. Page("/bounce-rules", Everyone),
        .. Page("/shaping", Everyone),
        .. Page("/pools", Everyone),
        .. Page("/warmup", Everyone),
        .. Page("/routes", Everyone),
        .. Page("/listeners", Admins),
        .. Page("/nodes", Admins), // cluster nodes: global admins only
        .. Page("/settings", Admins),
        .. Page("/users", Admins),
        .. Page("/audit", Admins),
        .. Page("/api-keys", Admins),
        .. Page("/system-webhooks", Admins), // every tenant's events and the tenant-less alerts: global admins only
        // The browsable API reference (Scalar, over /openapi/v1.json): any signed-in panel user.
        Cookie("GET", "/api-reference/{documentName}", Everyone),
        Cookie("GET", "/api-reference/scalar.js", Everyone),
        Cookie("GET", "/api-reference/scalar.aspnetcore.js", Everyone),
        Cookie("GET", "/api-reference/favicon.svg", Everyone),
        Cookie("GET", "/account/refresh-signin", WithTenantUsers),
        Cookie("POST", "/account/view-as", Admins), // "view as tenant": enter and leave (audited)
        Cookie("GET", "/suppressions/export.csv", WithTenantUsers), // a tenant user's export holds its tenant's entries only
        Cookie("GET", "/tenants/{id}/usage.csv", WithTenantUsers), // the usage panel's CSV; another tenant's id answers 404 (ICallerScope)

        // --- Tenants and their credentials. Creating and changing tenants is global policy.
        Tenant("GET", Api + "/tenants", Everyone, TenantBinding.FilteredToOwn),
        Global("POST", Api + "/tenants", Admins),
        Tenant("GET", Api + "/tenants/{id}", Everyone, TenantBinding.RouteTenant, "id"),
        Global("PUT", Api + "/tenants/{id}", Admins),
        Tenant("GET", Api + "/tenants/{id}/quotas", Everyone, TenantBinding.RouteTenant, "id"),
        Global("PUT", Api + "/tenants/{id}/quotas", Admins), // quotas are the provider's billing policy, not the tenant's
        Tenant("GET", Api + "/tenants/{id}/usage", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("GET", Api + "/tenants/{id}/retention", Everyone, TenantBinding.RouteTenant, "id"),
        Global("PUT", Api + "/tenants/{id}/retention", Admins), // retention spends the provider's disk: global policy
        Tenant("GET", Api + "/tenants/{id}/smtp-credentials", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("POST", Api + "/tenants/{id}/smtp-credentials", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("DELETE", Api + "/tenants/{id}/smtp-credentials/{username}", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("GET", Api + "/tenants/{id}/api-keys", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("POST", Api + "/tenants/{id}/api-keys", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("DELETE", Api + "/tenants/{id}/api-keys/{keyId}", Admins, TenantBinding.RouteTenant, "id"),

        // --- Tenant users (TenantAdmin / TenantViewer) and their invitations.
        Tenant("GET", Api + "/tenants/{id}/users", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("POST", Api + "/tenants/{id}/invitations", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("DELETE", Api + "/tenants/{id}/users/{userId}", Admins, TenantBinding.RouteTenant, "id"),

        // --- Sending domains (DKIM, DNS checks) and the tenant's sending policy.
        Tenant("GET", Api + "/tenants/{id}/domains", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("POST", Api + "/tenants/{id}/domains", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("GET", Api + "/tenants/{id}/sending-policy", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("PUT", Api + "/tenants/{id}/sending-policy", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("GET", Api + "/domains/{name}", Everyone, TenantBinding.OwnedObject),
        Tenant("PUT", Api + "/domains/{name}/settings", Admins, TenantBinding.OwnedObject),
        Tenant("DELETE", Api + "/domains/{name}", Admins, TenantBinding.OwnedObject),
        Tenant("GET", Api + "/domains/{name}/dns", Everyone, TenantBinding.OwnedObject),
        Tenant("GET", Api + "/domains/{name}/dns/history", Everyone, TenantBinding.OwnedObject),
        Tenant("POST", Api + "/domains/{name}/dkim/rotate", Admins, TenantBinding.OwnedObject),

        // --- Tenant webhooks (a webhook without a tenant is a system webhook: global keys only, 404 to tenant keys).
        Tenant("GET", Api + "/tenants/{id}/webhooks", Everyone, TenantBinding.RouteTenant, "id"),
        Tenant("POST", Api + "/tenants/{id}/webhooks", Admins, TenantBinding.RouteTenant, "id"),
        Tenant("GET", Api + "/webhooks/{id}", Everyone, TenantBinding.OwnedObject),
        Tenant("PUT", Api + "/webhooks/{id}", Admins, TenantBinding.OwnedObject),
        Tenant("DELETE", Api + "/webhooks/{id}", Admins, TenantBinding.OwnedObject),
        Tenant("POST", Api + "/webhooks/{id}/test", Admins, TenantBinding.OwnedObject),
        Tenant("POST", Api + "/webhooks/{id}/resend", Admins, TenantBinding.OwnedObject),
        Tenant("GET", Api + "/webhooks/{id}/deliveries", Everyone, TenantBinding.OwnedObject),
        Global("GET", Api + "/system/webhooks", Everyone),
        Global("POST", Api + "/system/webhooks", Admins),

        // --- Sending, messages, queues, events and statistics.
        Tenant("POST", Api + "/messages", Operators, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/messages/{id}", Everyone, TenantBinding.OwnedObject),
        Tenant("GET", Api + "/messages/{id}/content", Admins, TenantBinding.OwnedObject), // retained content, audited
        Tenant("GET", Api + "/queues", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/queues/counters", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/queues/scheduled", Everyone, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/queues/suspend", Operators, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/queues/resume", Operators, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/queues/retry", Operators, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/queues/bounce", Operators, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/queues/delete", Operators, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/events", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/events/export", Everyone, TenantBinding.FilteredToOwn),
        Global("GET", Api + "/stats", Everyone),

        // --- Suppressions and complaint rates.
        Tenant("GET", Api + "/suppressions", Everyone, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/suppressions", Operators, TenantBinding.FilteredToOwn),
        Tenant("DELETE", Api + "/suppressions", Operators, TenantBinding.FilteredToOwn),
        Tenant("POST", Api + "/suppressions/import", Operators, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/suppressions/export", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/suppressions/settings/{tenantId}", Everyone, TenantBinding.RouteTenant, "tenantId"),
        Tenant("PUT", Api + "/suppressions/settings/{tenantId}", Admins, TenantBinding.RouteTenant, "tenantId"),
        Tenant("GET", Api + "/complaint-rates", Everyone, TenantBinding.FilteredToOwn),

        // --- Bounce rules: global policy. Testing a candidate rule and the uncategorized view read the caller's own
        // failures only, so tenant keys may use them.
        Global("GET", Api + "/bounce-rules", Everyone),
        Global("POST", Api + "/bounce-rules/{id}", Admins),
        Global("PUT", Api + "/bounce-rules/{id}", Admins),
        Global("DELETE", Api + "/bounce-rules/{id}", Admins),
        Tenant("POST", Api + "/bounce-rules/test", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/bounces/uncategorized", Everyone, TenantBinding.FilteredToOwn),

        // --- DMARC / TLS / ARF reports: reading is filtered to the tenant's domains; upload, the ingestion log and the
        // report mailboxes are global.
        Global("POST", Api + "/reports", Admins),
        Tenant("GET", Api + "/reports", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/reports/dmarc", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/reports/tls", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/reports/failures", Everyone, TenantBinding.FilteredToOwn),
        Tenant("GET", Api + "/reports/{id}/raw", Everyone, TenantBinding.OwnedObject),
        Global("GET", Api + "/reports/log", Everyone),
        Global("GET", Api + "/reports/mailboxes", Everyone),
        Global("POST", Api + "/reports/mailboxes", Admins),
        Global("PUT", Api + "/reports/mailboxes/{id}", Admins),
        Global("DELETE", Api + "/reports/mailboxes/{id}", Admins),
        Global("POST", Api + "/reports/mailboxes/{id}/poll", Admins),

        // --- Routes, engine settings, TLS certificate, users, audit, backup: the whole appliance.
        Global("GET", Api + "/routes", Everyone),
        Global("POST", Api + "/routes", Admins),
        Global("DELETE", Api + "/routes/{domain}", Admins),
        Global("GET", Api + "/settings", Everyone),
        Global("PUT", Api + "/settings", Admins),
        Global("GET", Api + "/tls/certificate", Everyone),
        Global("PUT", Api + "/tls/certificate", Admins),
        Global("GET", Api + "/users", Admins),
        Global("GET", Api + "/users/{id}", Admins),
        Global("POST", Api + "/users", Admins),
        Global("PATCH", Api + "/users/{id}", Admins),
        Global("DELETE", Api + "/users/{id}", Admins),
        Global("GET", Api + "/audit", Admins),
        Global("GET", Api + "/system/backup", Admins),
        Global("GET", Api + "/system/status", Everyone),
        Global("GET", Api + "/cluster/nodes", Admins), // node internals: global admins only
        Global("GET", Api + "/cluster/drain", Admins),
        Global("POST", Api + "/cluster/drain", Admins),
        Global("DELETE", Api + "/cluster/drain", Admins),
        Global("GET", Api + "/cluster/queues", Everyone), // every node's queue counters, by node (global keys only)
        Global("POST", Api + "/cluster/queues/suspend", Operators),
        Global("POST", Api + "/cluster/queues/resume", Operators),
        Global("POST", Api + "/cluster/queues/retry", Operators),
        Global("POST", Api + "/cluster/queues/bounce", Operators),
        Global("POST", Api + "/cluster/queues/delete", Operators),
        Global("GET", Api + "/cluster/events", Everyone), // the nodes' event logs merged, each row with its node (global keys only)

        // --- Cluster mode's internal API: other nodes only, signed with Appliance:Cluster:Secret (no key, no cookie).
        Internal("GET", Api + "/internal/queues"),
        Internal("POST", Api + "/internal/queues/{operation}"),
        Internal("GET", Api + "/internal/events"),
        Internal("GET", Api + "/internal/messages/{id}"),
        Global("GET", Api + "/api-keys", Admins),
        Global("POST", Api + "/api-keys", Admins),
        Global("DELETE", Api + "/api-keys/{keyId}", Admins),

        // --- IP pools, egress sources, traffic shaping, warm-up: global policy.
        Global("GET", Api + "/egress-sources", Everyone),
        Global("POST", Api + "/egress-sources", Admins),
        Global("PUT", Api + "/egress-sources/{name}", Admins),
        Global("DELETE", Api + "/egress-sources/{name}", Admins),
        Global("GET", Api + "/pools", Everyone),
        Global("POST", Api + "/pools", Admins),
        Global("PUT", Api + "/pools/{name}", Admins),
        Global("DELETE", Api + "/pools/{name}", Admins),
        Global("GET", Api + "/pool-assignments", Everyone),
        Global("POST", Api + "/pool-assignments", Admins),
        Global("PUT", Api + "/pool-assignments/{id}", Admins),
        Global("DELETE", Api + "/pool-assignments/{id}", Admins),
        Global("GET", Api + "/egress-settings", Everyone),
        Global("PUT", Api + "/egress-settings", Admins),
        Global("GET", Api + "/shaping/rules", Everyone),
        Global("GET", Api + "/shaping/overrides", Everyone),
        Global("POST", Api + "/shaping/overrides", Admins),
        Global("PUT", Api + "/shaping/overrides/{name}", Admins),
        Global("DELETE", Api + "/shaping/overrides/{name}", Admins),
        Global("GET", Api + "/shaping/queues", Everyone),
        Global("GET", Api + "/shaping/backoffs", Everyone),
        Global("DELETE", Api + "/shaping/backoffs", Admins),
        Global("GET", Api + "/warmup/plans", Everyone),
        Global("POST", Api + "/warmup/plans", Admins),
        Global("PUT", Api + "/warmup/plans/{id}", Admins),
        Global("DELETE", Api + "/warmup/plans/{id}", Admins),
        Global("GET", Api + "/warmup/attachments", Everyone),
        Global("POST", Api + "/warmup/attachments", Admins),
        Global("PUT", Api + "/warmup/attachments/{id}", Admins),
        Global("DELETE", Api + "/warmup/attachments/{id}", Admins),
        Global("POST", Api + "/warmup/attachments/{id}/hold", Admins),
        Global("POST", Api + "/warmup/attachments/{id}/resume", Admins),
        Global("GET", Api + "/warmup/attachments/{id}/timeline", Everyone),
    ];

    private static readonly Dictionary<string, EndpointAccess> ByKey = Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);

    /// <summary>The row of a method and route pattern; HEAD falls back to GET; null when nothing is declared.</summary>
    public static EndpointAccess? Find(string method, string route)
    {
        if (ByKey.TryGetValue(KeyOf(method, route), out var entry)) return entry;
        if (HttpMethods.IsHead(method) && ByKey.TryGetValue(KeyOf("GET", route), out entry)) return entry;
        return ByKey.GetValueOrDefault(KeyOf(EndpointAccess.AnyMethod, route));
    }

    /// <summary>"METHOD route" with route constraints, optional markers and a trailing slash removed, lower case.</summary>
    public static string KeyOf(string method, string route)
    {
        var normalized = Constraint().Replace(route, "}").TrimEnd('/');
        if (!normalized.StartsWith('/')) normalized = "/" + normalized;
        return method.ToUpperInvariant() + " " + normalized.ToLowerInvariant();
    }

    [GeneratedRegex(@"(:[^}]*)?\??}")]
    private static partial Regex Constraint();

    private static EndpointAccess Public(string method, string route) => new(method, route) { Anonymous = true };

    private static EndpointAccess Internal(string method, string route) => new(method, route) { NodeSigned = true };

    private static EndpointAccess Cookie(string method, string route, string[] roles) => new(method, route) { CookieRoles = roles };

    /// <summary>A page answers GET and (for its forms) POST.</summary>
    private static EndpointAccess[] Page(string route, string[]? roles = null, bool anonymous = false) =>
        [new("GET", route) { Anonymous = anonymous, CookieRoles = roles ?? [] }, new("POST", route) { Anonymous = anonymous, CookieRoles = roles ?? [] }];

    /// <summary>The whole appliance's: global keys of <paramref name="roles"/>; tenant keys get 403.</summary>
    private static EndpointAccess Global(string method, string route, string[] roles) => new(method, route) { GlobalKeyRoles = roles };

    /// <summary>Tenant data: global and tenant keys of <paramref name="roles"/>, a tenant key bound by <paramref name="binding"/>.</summary>
    private static EndpointAccess Tenant(string method, string route, string[] roles, TenantBinding binding, string? tenantParameter = null) =>
        new(method, route) { GlobalKeyRoles = roles, TenantKeyRoles = roles, Tenancy = binding, TenantParameter = tenantParameter };
}
