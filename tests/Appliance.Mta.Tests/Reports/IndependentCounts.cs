using System.Diagnostics;
using System.Text.Json;

namespace Appliance.Mta.Tests.Reports;

/// <summary>
/// The corpus tests' oracle, independent of the code under test: a Python standard-library script (email, zipfile,
/// zlib with automatic header detection, xml.etree or a regex for malformed XML, json) that unwraps each file and
/// counts records and message sums (DMARC) or policies and session sums (TLS-RPT). Run once for all files.
/// </summary>
public static class IndependentCounts
{
    public const string Python = "/usr/bin/python3";

    private const string Script = """
# Independent oracle for the report corpus tests: Python's standard library only (email, zipfile, zlib, json,
# xml.etree, re). For every file named on stdin it unwraps MIME/zip/gzip (zlib with automatic header detection,
# as parsedmarc does for Mimecast) and prints one JSON line: records and the sum of <count> for XML (ElementTree,
# or a regex when the XML is malformed), policies and session sums for TLS-RPT JSON.
import email, email.policy, io, json, re, sys, zipfile, zlib

def unwrap(data, depth=0):
    if depth > 4:
        return []
    if data[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(47)
        return unwrap(d.decompress(data), depth + 1)
    if data[:4] == b"PK\x03\x04":
        z = zipfile.ZipFile(io.BytesIO(data))
        return [p for n in z.namelist() if not n.endswith("/") for p in unwrap(z.read(n), depth + 1)]
    return [data]

def payloads(path):
    data = open(path, "rb").read()
    if path.endswith(".eml"):
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        out = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            name = (part.get_filename() or "").lower()
            ctype = part.get_content_type()
            if name.endswith((".xml", ".gz", ".zip", ".json")) or ctype in ("application/zip", "application/gzip", "application/x-gzip", "text/xml", "application/xml", "application/tlsrpt+gzip", "application/tlsrpt+json"):
                out += unwrap(part.get_payload(decode=True))
        return out
    return unwrap(data)

def count_xml(text):
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(text.encode("utf-8"))
        recs = [e for e in root.iter() if e.tag.split("}")[-1] == "record"]
        total = sum(int(c.text.strip()) for r in recs for row in r if row.tag.split("}")[-1] == "row" for c in row if c.tag.split("}")[-1] == "count")
        return {"records": len(recs), "messages": total, "method": "etree"}
    except ET.ParseError:
        recs = re.findall(r"<(?:\w+:)?record[\s>]", text)
        counts = re.findall(r"<(?:\w+:)?count>\s*(\d+)\s*</", text)
        return {"records": len(recs), "messages": sum(int(c) for c in counts), "method": "regex"}

for line in sys.stdin:
    path = line.strip()
    if not path:
        continue
    result = {"file": path, "docs": []}
    for p in payloads(path):
        text = p.decode("utf-8", "replace").lstrip("\ufeff").strip()
        if text.startswith("{"):
            j = json.loads(text)
            pol = j.get("policies", [])
            result["docs"].append({"kind": "tls", "policies": len(pol),
                "success": sum(x.get("summary", {}).get("total-successful-session-count", 0) for x in pol),
                "failure": sum(x.get("summary", {}).get("total-failure-session-count", 0) for x in pol),
                "details": sum(len(x.get("failure-details", []) or []) for x in pol)})
        elif text.startswith("<"):
            d = count_xml(text)
            d["kind"] = "dmarc"
            result["docs"].append(d)
        else:
            result["docs"].append({"kind": "empty" if not text else "other"})
    print(json.dumps(result), flush=True)
""";

    public static bool Available => File.Exists(Python);

    /// <summary>file path → the documents found in it, as the script's JSON.</summary>
    public static IReadOnlyDictionary<string, JsonElement> For(IEnumerable<string> files)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        using var p = Process.Start(psi)!;
        foreach (var f in files) p.StandardInput.WriteLine(f);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("oracle failed: " + error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("file").GetString()!, e => e.GetProperty("docs"));
    }
}
