namespace Appliance.Web.Tests.Security;

/// <summary>The authorization tests share one host (<see cref="AuthorizationWorld"/>): its setup is most of their time.</summary>
[CollectionDefinition(Name)]
public sealed class AuthorizationCollection : ICollectionFixture<AuthorizationWorld>
{
    public const string Name = "Authorization";
}
