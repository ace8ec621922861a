namespace Appliance.Web.Tests.Security;

/// <summary>What the access table says one caller gets from one endpoint.</summary>
public enum Expect
{
    /// <summary>Anything but a refusal (no 401/403, no redirect to the login or access-denied page).</summary>
    Allowed,

    /// <summary>Exactly 401 (an API endpoint without a valid key).</summary>
    Unauthorized,

    /// <summary>Exactly 403 (an API key whose role or scope the row does not admit).</summary>
    Forbidden,

    /// <summary>Exactly 404 (a tenant key naming another tenant's object).</summary>
    NotFound,

    /// <summary>A redirect to the login page (a page or cookie endpoint without a cookie).</summary>
    Login,

    /// <summary>A redirect to the access-denied page (a cookie user whose role the row does not admit).</summary>
    Denied,

    /// <summary>Any refusal: 401, 403 or a redirect to login / access denied (an API key on a cookie-only page).</summary>
    Refused,
}
