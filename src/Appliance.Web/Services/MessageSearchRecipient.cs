namespace Appliance.Web.Services;

/// <summary>A recipient of a queued message; Done when delivered or failed permanently.</summary>
public sealed record MessageSearchRecipient(string Address, bool Done);
