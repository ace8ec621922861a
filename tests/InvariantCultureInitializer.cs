using System.Globalization;
using System.Runtime.CompilerServices;

namespace Appliance.Tests;

/// <summary>
/// Test processes format like the host (which pins the invariant culture in Program.cs): globalisation is not
/// invariant any more (ICU for IDNA), so a developer's LANG=de_DE.UTF-8 must not change what tests see.
/// </summary>
internal static class InvariantCultureInitializer
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
