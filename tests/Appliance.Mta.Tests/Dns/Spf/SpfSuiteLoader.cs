using YamlDotNet.RepresentationModel;

namespace Appliance.Mta.Tests.Dns.Spf;

/// <summary>Reads an openspf YAML suite (multi-document; each has tests + zonedata).</summary>
public static class SpfSuiteLoader
{
    public static IReadOnlyList<SpfSuiteCase> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        var cases = new List<SpfSuiteCase>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var zone = new SpfZoneResolver(root.Children.TryGetValue("zonedata", out var z) ? z as YamlMappingNode : null);
            var tests = (YamlMappingNode)root.Children["tests"];
            foreach (var (key, value) in tests.Children)
            {
                var test = (YamlMappingNode)value;
                string? Scalar(string k) => test.Children.TryGetValue(k, out var n) ? (n as YamlScalarNode)?.Value : null;
                var result = test.Children["result"];
                IReadOnlyList<string> results = result is YamlSequenceNode seq
                    ? seq.Select(n => ((YamlScalarNode)n).Value!).ToList()
                    : [((YamlScalarNode)result).Value!];
                cases.Add(new SpfSuiteCase(((YamlScalarNode)key).Value!, Scalar("host")!, Scalar("mailfrom") ?? "", Scalar("helo") ?? "", results, Scalar("explanation"), zone));
            }
        }
        return cases;
    }
}
