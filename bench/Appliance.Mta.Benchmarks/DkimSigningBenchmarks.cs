using System.Buffers;
using System.Text;
using Appliance.Mta.Dkim;
using BenchmarkDotNet.Attributes;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// DKIM signing cost per 4 KB message (header parse, relaxed body hash, signature, field formatting), per algorithm
/// and for dual signing. Budget: 0.5 ms per message. Run: dotnet run -c Release -- --filter '*Dkim*' --job short
/// <c>Rsa2048BouncyCastle</c> is the former path (MimeKit signing RSA with BouncyCastle), measured in the same run
/// as the native (.NET RSA / OpenSSL) one for the ratio.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class DkimSigningBenchmarks
{
    private readonly DkimMessageSigner _signer = new();
    private readonly DkimMessageSigner _bouncyCastleSigner = new(TimeProvider.System, nativeRsa: false);
    private ReadOnlySequence<byte> _message;
    private DkimSigningPlan _rsa = null!;
    private DkimSigningPlan _ed25519 = null!;
    private DkimSigningPlan _dual = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = new StringBuilder();
        while (body.Length < 4096) body.Append("The quick brown fox jumps over the lazy dog, again and again.\r\n");
        _message = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(
            "From: News <news@example.com>\r\nTo: user@example.net\r\nSubject: Weekly digest\r\n" +
            "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\nList-Unsubscribe: <https://example.com/u/1>\r\n" +
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\n" + body));
        var rsa = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256);
        var ed = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);
        var rsaKey = new DkimSigningKey("rsa", DkimKeyAlgorithm.RsaSha256, rsa.PrivateKeyPem);
        var edKey = new DkimSigningKey("ed", DkimKeyAlgorithm.Ed25519Sha256, ed.PrivateKeyPem);
        _rsa = new DkimSigningPlan("example.com", [rsaKey]);
        _ed25519 = new DkimSigningPlan("example.com", [edKey]);
        _dual = new DkimSigningPlan("example.com", [rsaKey, edKey]);
    }

    [Benchmark(Baseline = true)]
    public byte[] Rsa2048BouncyCastle() => _bouncyCastleSigner.Sign(_message, _rsa);

    [Benchmark]
    public byte[] Rsa2048() => _signer.Sign(_message, _rsa);

    [Benchmark]
    public byte[] Ed25519() => _signer.Sign(_message, _ed25519);

    [Benchmark]
    public byte[] Dual() => _signer.Sign(_message, _dual);
}
