using System.Security.Claims;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Security;
using Appliance.Web.Services;

namespace Appliance.Web.Api;

/// <summary>
/// /api/v1/users: the console's users over <see cref="UserAdminService"/> (the Users page's service), so the API
/// and the page share validation, the last-administrator guard and the audit entries. Admin keys only, never
/// tenant-scoped ones (global keys only: EndpointAccessTable).
/// </summary>
public static class UsersEndpoints
{
    public static RouteGroupBuilder MapUsersEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users");
        users.MapGet("", ListAsync).WithSummary("List admin-panel users with their roles").WithTags("Users");
        users.MapGet("/{id}", GetAsync).WithSummary("An admin-panel user").WithTags("Users").ProducesProblem(404);
        users.MapPost("", CreateAsync).WithSummary("Create an admin-panel user with a role").WithTags("Users").ProducesProblem(400).ProducesProblem(409);
        users.MapPatch("/{id}", UpdateAsync).WithSummary("Change a user's role or disable the user").WithTags("Users").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        users.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a user (never the last administrator)").WithTags("Users").ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    private static async Task<IResult> ListAsync(UserAdminService service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    private static async Task<IResult> GetAsync(string id, UserAdminService service, CancellationToken ct)
    {
        var user = (await service.ListAsync(ct)).FirstOrDefault(u => u.Id == id);
        return user is null ? ApiProblems.NotFound($"User '{id}' does not exist.") : TypedResults.Ok(user);
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, ClaimsPrincipal user, UserAdminService service, CancellationToken ct)
    {
        var result = await service.CreateAsync(request.Email, request.Password, request.Role, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.Created($"{ApiEndpoints.Prefix}/users/{result.Value!.Id}", result.Value) : result.ToProblem();
    }

    /// <summary>Role first, then the lock: a request that demotes and disables is refused as a whole if the role is.</summary>
    private static async Task<IResult> UpdateAsync(string id, UpdateUserRequest request, ClaimsPrincipal user, UserAdminService service, CancellationToken ct)
    {
        if (request.Role is null && request.Disabled is null) return ApiProblems.Invalid("role", "Give a role and/or disabled.");
        var actor = AuditActors.Of(user);
        ServiceResult<UserSummary>? result = null;
        if (request.Role is { } role)
        {
            result = await service.SetRoleAsync(id, role, actor, ct);
            if (!result.Succeeded) return result.ToProblem();
        }
        if (request.Disabled is { } disabled)
        {
            result = await service.SetLockedAsync(id, disabled, actor, ct);
            if (!result.Succeeded) return result.ToProblem();
        }
        return TypedResults.Ok(result!.Value);
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, UserAdminService service, CancellationToken ct)
    {
        var result = await service.DeleteAsync(id, AuditActors.Of(user), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.ToProblem();
    }
}
