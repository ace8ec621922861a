using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Appliance.Mta.Dkim;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.Crypto.Parameters;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// DKIM signing cost per 4 KB message (header scan, relaxed canonicalisation and hashes, signature, field formatting),
/// per algorithm and for dual signing, next to the bare signature operations with the same keys in the same run
/// (<c>BareRsa2048Sign</c>: <see cref="RSA.SignHash(byte[], HashAlgorithmName, RSASignaturePadding)"/> of a SHA-256
/// hash; <c>BareEd25519Sign</c>: BouncyCastle Ed25519 over a 32-byte hash, as RFC 8463 §3 signs). The signing
/// overhead beyond the key operation is the difference (issue 22 target: under 0.1 ms per RSA message).
/// Run: dotnet run -c Release -- --filter '*Dkim*' --job short --inProcess --memory
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class DkimSigningBenchmarks
{
    private readonly DkimMessageSigner _signer = new();
    private readonly byte[] _hash = SHA256.HashData("bare signature input"u8);
    private readonly byte[] _edSignature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
    private ReadOnlySequence<byte> _message;
    private DkimSigningPlan _rsa = null!;
    private DkimSigningPlan _ed25519 = null!;
    private DkimSigningPlan _dual = null!;
    private RSA _bareRsa = null!;
    private Ed25519PrivateKeyParameters _bareEd = null!;
    private DkimSigningFilter _rsaFilter = null!;
    private MessageEnvelope _envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = DkimBenchMessage.Create();
        var rsa = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256);
        var ed = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);
        var rsaKey = new DkimSigningKey("rsa", DkimKeyAlgorithm.RsaSha256, rsa.PrivateKeyPem);
        var edKey = new DkimSigningKey("ed", DkimKeyAlgorithm.Ed25519Sha256, ed.PrivateKeyPem);
        _rsa = new DkimSigningPlan("example.com", [rsaKey]);
        _ed25519 = new DkimSigningPlan("example.com", [edKey]);
        _dual = new DkimSigningPlan("example.com", [rsaKey, edKey]);
        _bareRsa = RSA.Create();
        _bareRsa.ImportFromPem(rsa.PrivateKeyPem);
        _bareEd = (Ed25519PrivateKeyParameters)DkimPublicKey.ReadPrivateKey(DkimKeyAlgorithm.Ed25519Sha256, ed.PrivateKeyPem);
        _rsaFilter = new DkimSigningFilter(new BenchDkimKeyProvider(_rsa), TimeProvider.System, NullLogger<DkimSigningFilter>.Instance);
        _envelope = new MessageEnvelope
        {
            MailFrom = "bounce@example.com", Recipients = [new EnvelopeRecipient("user@example.net")], TenantId = "t1",
            ReceivedAt = DateTimeOffset.UnixEpoch, ClientAddress = "127.0.0.1", ReceptionHeaders = ReceptionHeaderReader.Read(_message),
        };
    }

    /// <summary>The whole reception step as the relay runs it: header scan, From: domain, plan, RSA signature,
    /// prepending the field and adding it to the Reception event's header summary.</summary>
    [Benchmark]
    public ReceptionVerdict FilterRsa2048()
    {
        var message = new ReceptionMessage(_envelope, _message);
        var pending = _rsaFilter.FilterAsync(message, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public byte[] BareRsa2048Sign() => _bareRsa.SignHash(_hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark]
    public byte[] BareEd25519Sign()
    {
        _bareEd.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, _hash, 0, _hash.Length, _edSignature, 0);
        return _edSignature;
    }

    [Benchmark]
    public byte[] Rsa2048() => _signer.Sign(_message, _rsa);

    [Benchmark]
    public byte[] Ed25519() => _signer.Sign(_message, _ed25519);

    [Benchmark]
    public byte[] Dual() => _signer.Sign(_message, _dual);
}
