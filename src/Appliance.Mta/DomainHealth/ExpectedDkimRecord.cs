namespace Appliance.Mta.DomainHealth;

/// <summary>A DKIM key record that should be published at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
public sealed record ExpectedDkimRecord(string Selector, string TxtValue);
