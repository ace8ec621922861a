using Appliance.Mta.Security;
namespace Appliance.Web.Security;

/// <summary>
/// One admitted login attempt holding a place in both failure counts of <see cref="LoginAttemptGate"/>. Exactly one
/// of <see cref="Fail"/>, <see cref="Succeed"/> or <see cref="Release"/> takes effect; later calls do nothing.
/// </summary>
public sealed class LoginAttempt
{
    private readonly FailureWindow<string> _pairs;
    private readonly string _pairKey;
    private readonly FailureWindow<string> _addresses;
    private readonly string _addressKey;
    private int _done;

    internal LoginAttempt(FailureWindow<string> pairs, string pairKey, FailureWindow<string> addresses, string addressKey)
    {
        _pairs = pairs;
        _pairKey = pairKey;
        _addresses = addresses;
        _addressKey = addressKey;
    }

    /// <summary>Wrong password or code: the places become failures.</summary>
    public void Fail()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return;
        _pairs.Fail(_pairKey);
        _addresses.Fail(_addressKey);
    }

    /// <summary>Right password or code: the places are given back and the pair's earlier failures forgotten.</summary>
    public void Succeed()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return;
        _pairs.Succeed(_pairKey);
        _addresses.Release(_addressKey);
    }

    /// <summary>No verdict (an error, or a lock that is not this attempt's doing): the places are given back.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return;
        _pairs.Release(_pairKey);
        _addresses.Release(_addressKey);
    }
}
