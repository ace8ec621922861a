using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>One cached key: the BouncyCastle form (Ed25519 signs with it; for RSA it is the checked parse), and for
/// RSA the same key in .NET's form, which signs.</summary>
internal sealed record DkimPrivateKeyCacheEntry(AsymmetricKeyParameter BouncyCastle, RSA? Native);
