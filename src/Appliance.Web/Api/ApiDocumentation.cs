using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Appliance.Web.Api;

/// <summary>
/// What /openapi/v1.json says beyond the endpoints' own metadata (each mapping carries its summary, tag and problem
/// statuses): the API's title and description, the "Bearer" security scheme (an API key in
/// <c>Authorization: Bearer</c>), and for every operation that needs a key that requirement plus its 401 and 403
/// answers, which come from the access table's middleware rather than the handler.
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Appliance API";
            document.Info.Description =
                "Automation API of the outbound MTA appliance. Every /api/v1 call needs an API key as `Authorization: Bearer <key>`. " +
                "Global keys (Users and API keys page, or Appliance:Bootstrap:ApiKey) reach every endpoint; tenant keys see their tenant only " +
                "and get 403 from appliance-wide ones. Errors are RFC 7807 problem details.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (global or tenant-scoped), shown once when it is created.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            // Who may call it is the access table's row (the API mappings carry no policies of their own).
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var row = Security.Access.EndpointAccessTable.Find(context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "");
            var needsKey = row is { Anonymous: false, AcceptsKeys: true }
                || (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any());
            if (!needsKey) return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role is too low, or a tenant key called an appliance-wide endpoint or another tenant's data." });
            return Task.CompletedTask;
        });
    }
}
