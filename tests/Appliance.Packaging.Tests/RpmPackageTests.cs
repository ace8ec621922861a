namespace Appliance.Packaging.Tests;

/// <summary>The rpm, inspected with rpm -qp and installed (files only) into a scratch root.</summary>
[Collection(PackagingCollection.Name)]
public sealed class RpmPackageTests(PackagesFixture packages)
{
    [PackagingFact]
    public void Lists_the_binary_the_unit_and_the_config_as_a_noreplace_conffile()
    {
        var files = Tool.Ok("rpm", "-qlp", packages.Rpm).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("/usr/lib/appliance/Appliance.Web", files);
        Assert.Contains("/usr/lib/systemd/system/appliance.service", files);
        Assert.Contains("/usr/bin/appliance", files);
        Assert.Contains("/var/lib/appliance", files);

        var config = Tool.Ok("rpm", "-qpc", packages.Rpm).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("/etc/appliance/appsettings.json", config);

        // Data folders owned by the service user, mode 0750.
        var verbose = Tool.Ok("rpm", "-qlvp", packages.Rpm);
        Assert.Matches(@"(?m)^drwxr-x---\s+\d+\s+applianc\S*\s+applianc\S*.*\s/var/lib/appliance$", verbose);
    }

    [PackagingFact]
    public void Scripts_create_the_user_and_set_up_the_host()
    {
        var scripts = Tool.Ok("rpm", "-qp", "--scripts", packages.Rpm);
        Assert.Contains("preinstall scriptlet", scripts);
        Assert.Contains("useradd -r -g appliance", scripts);
        Assert.Contains("/usr/lib/appliance/appliance-setup all", scripts);
        // Erase stops the service; upgrade restarts it after the files are replaced.
        Assert.Contains("systemctl disable --now appliance.service", scripts);
        Assert.Contains("posttrans scriptlet", scripts);
    }

    [PackagingFact]
    public void Requires_only_native_libraries_including_icu()
    {
        var requires = Tool.Ok("rpm", "-qpR", packages.Rpm);
        Assert.Contains("openssl-libs", requires);
        Assert.Contains("ca-certificates", requires);
        // IdnMapping needs ICU for UTS #46 (globalisation is not invariant).
        Assert.Contains("libicu", requires);
        // AutoReqProv: no: the bundled runtime's .so files must not turn into unsatisfiable requirements.
        Assert.DoesNotContain("libcoreclr", requires);
    }

    [PackagingFact]
    public void Installs_into_a_scratch_root()
    {
        var root = Directory.CreateTempSubdirectory("appliance-rpmroot-").FullName;
        try
        {
            Tool.Ok("rpm", "--root", root, "--initdb");
            var r = Tool.Run("rpm", ["--root", root, "-i", "--nodeps", "--noscripts", packages.Rpm], TimeSpan.FromMinutes(3));
            Assert.True(r.ExitCode == 0, r.Output);
            Assert.True(File.Exists(Path.Combine(root, "usr/lib/appliance/Appliance.Web")));
            Assert.True(File.Exists(Path.Combine(root, "etc/appliance/appsettings.json")));
            Assert.Equal("/etc/appliance/appsettings.json", new FileInfo(Path.Combine(root, "usr/lib/appliance/appsettings.json")).LinkTarget);
            Assert.Contains("appliance-" + PackagesFixture.Version, Tool.Ok("rpm", "--root", root, "-qa"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
