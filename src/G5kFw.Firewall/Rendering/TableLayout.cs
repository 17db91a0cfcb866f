using System.Globalization;

namespace G5kFw.Firewall.Rendering;

/// <summary>Names of the objects in an agent's nftables table (family <c>ip6</c>).</summary>
public static class TableLayout
{
    public const string Family = "ip6";

    public const string ForwardChain = "forward";

    public const string ProtectedSet = "protected";

    /// <summary>The verdict map from a destination host to the chain of the job that has the host.</summary>
    public const string JobHostsMap = "job_hosts";

    /// <summary>Number of rules in the forward chain, which drift detection checks.</summary>
    public const int ForwardRuleCount = 5;

    public static string JobChain(long jobId) => "job_" + jobId.ToString(CultureInfo.InvariantCulture);
}
