using Appliance.Web.Data;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Appliance.Web.Tests.Security;

/// <summary>
/// The host with a bootstrap admin, a counting password hasher and test-chosen client addresses
/// (<see cref="LoginForm.AddressHeader"/>), for the login lockout and rate limit tests.
/// </summary>
public sealed class LoginHost : ApplianceFactory
{
    public const string AdminEmail = "admin@example.com";
    public const string Password = "Str0ng!Passw0rd";

    private LoginHost(Dictionary<string, string?> settings) : base(null, settings) { }

    public CountingPasswordHasher Hasher { get; } = new();

    public static LoginHost Create(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Appliance:Bootstrap:AdminEmail"] = AdminEmail,
            ["Appliance:Bootstrap:AdminPassword"] = Password,
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        return new LoginHost(all);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
        });
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
        {
            services.RemoveAll<IPasswordHasher<ApplianceUser>>();
            services.AddSingleton<IPasswordHasher<ApplianceUser>>(Hasher);
        });
    }
}
