namespace Appliance.Mta.Suppression;

/// <summary>One row of <see cref="ExpirySuppressionPolicy.Table"/>: the last reply's codes, whether an expiry with them suppresses, and why.</summary>
public sealed record ExpiryCause(string Codes, bool Suppresses, string Meaning);
