using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Appliance.Mta.Dkim;

/// <summary>One cached key: MimeKit's (BouncyCastle) form, and for RSA the same key in .NET's form.</summary>
internal sealed record DkimPrivateKeyCacheEntry(AsymmetricKeyParameter BouncyCastle, RSA? Native);
