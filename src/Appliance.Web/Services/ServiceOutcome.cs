namespace Appliance.Web.Services;

/// <summary>How a service operation ended; the API maps it to 2xx, 400, 404 or 409, pages to messages.</summary>
public enum ServiceOutcome
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}
