// Fixture types for NamespaceGraphTests: small namespaces whose dependencies are known. Several types in one file on
// purpose (they are data for the test, not code).
#pragma warning disable CA1812, CA1822
namespace Appliance.Architecture.Tests.Fixtures.Alpha
{
    /// <summary>Uses Beta: with Beta using Alpha this is the cycle the rule must find.</summary>
    internal sealed class AlphaUser
    {
        public string Use() => new Beta.BetaThing().ToString()!;
    }

    internal sealed class AlphaThing;
}

namespace Appliance.Architecture.Tests.Fixtures.Beta
{
    internal sealed class BetaThing
    {
        public Alpha.AlphaThing? Back { get; set; }

        public Leaf.LeafThing Child { get; } = new();
    }
}

namespace Appliance.Architecture.Tests.Fixtures.Layered
{
    /// <summary>Uses Alpha one way only.</summary>
    internal sealed class LayeredUser
    {
        public object Make() => new Alpha.AlphaThing();
    }
}

namespace Appliance.Architecture.Tests.Fixtures.Leaf
{
    internal sealed class LeafThing;
}

namespace Appliance.Architecture.Tests.Fixtures.Leaf.Inner
{
    internal sealed class InnerThing
    {
        public Leaf.LeafThing Outer { get; } = new();
    }
}
