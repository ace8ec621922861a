namespace Appliance.Mta.Dkim;

/// <summary>One active private key. <see cref="PrivateKeyPem"/> is PKCS#8 PEM, already decrypted by the host.</summary>
public sealed record DkimSigningKey(string Selector, DkimKeyAlgorithm Algorithm, string PrivateKeyPem);
