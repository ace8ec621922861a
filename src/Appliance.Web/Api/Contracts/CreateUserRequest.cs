namespace Appliance.Web.Api.Contracts;

/// <summary>POST /api/v1/users: a console user with one role (Admin, Operator or Viewer).</summary>
public sealed record CreateUserRequest(string? Email, string? Password, string? Role);
