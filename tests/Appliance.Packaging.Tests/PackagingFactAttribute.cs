namespace Appliance.Packaging.Tests;

/// <summary>
/// A fact that runs only where packages can be built and installed: as root (dpkg -i), with dpkg-deb and
/// rpmbuild (Debian package `rpm`) on PATH. Anywhere else it is skipped with the reason.
/// </summary>
public sealed class PackagingFactAttribute : FactAttribute
{
    /// <param name="extraTools">Further commands the test needs (e.g. "lintian"); skipped when one is missing.</param>
    public PackagingFactAttribute(params string[] extraTools)
    {
        if (!OperatingSystem.IsLinux()) Skip = "packaging tests need Linux";
        else if (Environment.UserName != "root") Skip = "packaging tests install the deb with dpkg -i and need root";
        else if (Tool.Find("dpkg-deb") is null || Tool.Find("dpkg") is null) Skip = "dpkg-deb not found";
        else if (Tool.Find("rpmbuild") is null) Skip = "rpmbuild not found (apt-get install rpm)";
        else if (Tool.Find("runuser") is null) Skip = "runuser not found";
        else if (extraTools.FirstOrDefault(t => Tool.Find(t) is null) is { } missing) Skip = $"{missing} not found (apt-get install {missing})";
    }
}
