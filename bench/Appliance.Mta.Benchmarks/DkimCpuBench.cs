using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Appliance.Mta.Dkim;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Mta.Benchmarks;

/// <summary>
/// DKIM signing cost in thread CPU time (CLOCK_THREAD_CPUTIME_ID), for a loaded machine where wall-clock figures
/// are mostly scheduling: the bare RSA-2048 and Ed25519 signs, signing a 4 KB message with RSA, Ed25519 and both, and the whole reception step with RSA (DkimSigningFilter), measured in
/// interleaved rounds in one process so that load, frequency and cache effects hit all of them alike; prints the
/// median µs per operation of each and the overheads (sign-message minus the bare signs).
/// Run: dotnet run -c Release -- dkim-cpu [rounds]
/// </summary>
internal static partial class DkimCpuBench
{
    private const int OpsPerRound = 200;

    public static void Run(int rounds)
    {
        var message = DkimBenchMessage.Create();
        var rsaMaterial = DkimKeyGenerator.Generate(DkimKeyAlgorithm.RsaSha256);
        var edMaterial = DkimKeyGenerator.Generate(DkimKeyAlgorithm.Ed25519Sha256);
        var rsaKey = new DkimSigningKey("rsa", DkimKeyAlgorithm.RsaSha256, rsaMaterial.PrivateKeyPem);
        var edKey = new DkimSigningKey("ed", DkimKeyAlgorithm.Ed25519Sha256, edMaterial.PrivateKeyPem);
        var rsaPlan = new DkimSigningPlan("example.com", [rsaKey]);
        var edPlan = new DkimSigningPlan("example.com", [edKey]);
        var dualPlan = new DkimSigningPlan("example.com", [rsaKey, edKey]);
        using var bare = RSA.Create();
        bare.ImportFromPem(rsaMaterial.PrivateKeyPem);
        var hash = SHA256.HashData("bare"u8);
        var bareEd = (Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters)DkimPublicKey.ReadPrivateKey(DkimKeyAlgorithm.Ed25519Sha256, edMaterial.PrivateKeyPem);
        var edSignature = new byte[64];
        var signer = new DkimMessageSigner();
        var filter = new DkimSigningFilter(new BenchDkimKeyProvider(rsaPlan), TimeProvider.System, NullLogger<DkimSigningFilter>.Instance);
        var envelope = new MessageEnvelope
        {
            MailFrom = "bounce@example.com", Recipients = [new EnvelopeRecipient("user@example.net")], TenantId = "t1",
            ReceivedAt = DateTimeOffset.UnixEpoch, ClientAddress = "127.0.0.1", ReceptionHeaders = ReceptionHeaderReader.Read(message),
        };
        Console.Write(Encoding.ASCII.GetString(signer.Sign(message, dualPlan)));
        (string Name, Action Op)[] ops =
        [
            ("BareRsa2048Sign", () => bare.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            ("Rsa2048", () => signer.Sign(message, rsaPlan)),
            ("Ed25519", () => signer.Sign(message, edPlan)),
            ("Dual", () => signer.Sign(message, dualPlan)),
            ("BareEd25519Sign", () => bareEd.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, hash, 0, hash.Length, edSignature, 0)),
            ("FilterRsa2048", () =>
            {
                var verdict = filter.FilterAsync(new ReceptionMessage(envelope, message), CancellationToken.None);
                if (!verdict.IsCompletedSuccessfully || verdict.Result.IsStop) throw new InvalidOperationException("the filter did not pass the message at once");
            }),
        ];
        var samples = ops.Select(_ => new List<double>()).ToArray();
        for (var round = -2; round < rounds; round++) // two warm-up rounds
        {
            for (var i = 0; i < ops.Length; i++)
            {
                var start = ThreadCpuNs();
                for (var n = 0; n < OpsPerRound; n++) ops[i].Op();
                var us = (ThreadCpuNs() - start) / 1000.0 / OpsPerRound;
                if (round >= 0) samples[i].Add(us);
            }
        }
        var medians = samples.Select(Median).ToArray();
        for (var i = 0; i < ops.Length; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ops[i].Name,-16} {medians[i],9:F1} us CPU/op (median of {rounds} rounds of {OpsPerRound})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSA overhead     {medians[1] - medians[0],9:F1} us CPU/msg beyond the bare sign"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ed25519 overhead {medians[2] - medians[4],9:F1} us CPU/msg beyond the bare sign"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Filter overhead  {medians[5] - medians[0],9:F1} us CPU/msg beyond the bare sign (whole reception step, RSA)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dual overhead    {medians[3] - medians[0] - medians[4],9:F1} us CPU/msg beyond the two bare signs"));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static long ThreadCpuNs()
    {
        const int ClockThreadCpuTimeId = 3; // Linux CLOCK_THREAD_CPUTIME_ID
        if (ClockGetTime(ClockThreadCpuTimeId, out var ts) != 0) throw new InvalidOperationException("clock_gettime failed");
        return ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
