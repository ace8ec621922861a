using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Mta.Dkim;
using Appliance.Mta.Tests.Corpora;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>
/// Checks against the shared DKIM corpus: our relaxed body hash equals the bh= of independently signed relaxed/relaxed
/// messages, and messages signed here with the published test keys verify against the published records.
/// </summary>
public sealed partial class DkimCorpusTests
{
    private readonly DkimMessageSigner _signer = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero)));

    public static IEnumerable<object[]> RelaxedVectors =>
    [
        ["stalwart/001.txt"], // RFC 8463 §A example (ed25519 and rsa signatures)
        ["stalwart/006.txt"],
        ["mail-dkim/corpus/goodkey_ed25519.txt"],
        ["dkimpy/ed25519test2.msg"], // signed by Exim
        ["dkimpy/test2.message"], // "degenerate folding"
    ];

    [CorpusTheory("dkim")]
    [MemberData(nameof(RelaxedVectors))]
    public void Relaxed_body_hash_matches_independent_signers(string file)
    {
        var message = Load(file);
        var theirs = BodyHashes().Matches(Unfold(Encoding.UTF8.GetString(message)))
            .Where(m => m.Groups["c"].Value == "relaxed/relaxed").Select(m => m.Groups["bh"].Value).Distinct().ToList();
        Assert.NotEmpty(theirs);

        var ours = _signer.Sign(new ReadOnlySequence<byte>(message), DkimTestKeys.Plan("ed25519"));

        var bh = BodyHashes().Match(Unfold(Encoding.ASCII.GetString(ours))).Groups["bh"].Value;
        Assert.Contains(bh, theirs);
    }

    [CorpusFact("dkim")]
    public void Rfc8463_example_signed_with_the_rfc8032_test_key_verifies_against_the_published_record()
    {
        var folder = Corpus.Require("dkim");
        var seed = Convert.FromBase64String(File.ReadAllText(Path.Combine(folder, "dkimpy", "rfc8032_7_1.key")).Trim());
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(
            PrivateKeyInfoFactory.CreatePrivateKeyInfo(new Ed25519PrivateKeyParameters(seed)).GetEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var message = ToCrLf(File.ReadAllBytes(Path.Combine(folder, "dkimpy", "rfc6376.msg")));
        var plan = new DkimSigningPlan("football.example.com", [new DkimSigningKey("brisbane", DkimKeyAlgorithm.Ed25519Sha256, pem)]);

        var signed = DkimMessageSigner.Prepend(_signer.Sign(new ReadOnlySequence<byte>(message), plan), new ReadOnlySequence<byte>(message)).ToArray();

        const string published = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        Assert.Equal("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", DkimPublicKey.FromPrivatePem(DkimKeyAlgorithm.Ed25519Sha256, pem));
        Assert.Equal([true], PythonDkim.Verify(signed, new Dictionary<string, string> { ["brisbane._domainkey.football.example.com"] = published }));
    }

    [CorpusFact("dkim")]
    public void Test_message_signed_with_the_dkimpy_pkcs1_rsa_key_verifies_against_its_record()
    {
        var folder = Corpus.Require("dkim");
        var pem = File.ReadAllText(Path.Combine(folder, "dkimpy", "test.private"));
        var record = File.ReadAllText(Path.Combine(folder, "dkimpy", "test.txt")).Trim();
        var message = ToCrLf(File.ReadAllBytes(Path.Combine(folder, "dkimpy", "test.message")));
        var plan = new DkimSigningPlan("example.com", [new DkimSigningKey("test", DkimKeyAlgorithm.RsaSha256, pem)]);

        var signed = DkimMessageSigner.Prepend(_signer.Sign(new ReadOnlySequence<byte>(message), plan), new ReadOnlySequence<byte>(message)).ToArray();

        Assert.Equal([true], PythonDkim.Verify(signed, new Dictionary<string, string> { ["test._domainkey.example.com"] = record }));
    }

    /// <summary>A corpus message as CRLF bytes; stalwart files start with DNS lines and an empty line.</summary>
    private static byte[] Load(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Require("dkim"), file));
        if (file.StartsWith("stalwart/", StringComparison.Ordinal))
        {
            var text = Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\n");
            bytes = Encoding.UTF8.GetBytes(text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]);
        }
        return ToCrLf(bytes);
    }

    private static byte[] ToCrLf(byte[] bytes) =>
        Array.IndexOf(bytes, (byte)'\r') >= 0 ? bytes : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\r\n"));

    private static string Unfold(string text) => Regex.Replace(text, "\r?\n[ \t]+", " ");

    [GeneratedRegex(@"^DKIM-Signature:(?=[^\n]*\bc\s*=\s*(?<c>[a-z/]+))[^\n]*\bbh\s*=\s*(?<bh>[A-Za-z0-9+/= ]+?)\s*;", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex BodyHashes();
}
