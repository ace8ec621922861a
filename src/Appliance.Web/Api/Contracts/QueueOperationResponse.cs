namespace Appliance.Web.Api.Contracts;

public sealed record QueueOperationResponse(int Affected);
