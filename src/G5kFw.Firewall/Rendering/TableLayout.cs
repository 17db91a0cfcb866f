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

    /// <summary>Number of rules in every job chain, which drift detection checks.</summary>
    public const int JobRuleCount = 5;

    public static string JobChain(long jobId) => "job_" + jobId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The prefix of the names of a job's sets at one generation. Every generation gets sets of its own, so that a
    /// job's change only declares objects, which nft 1.0.6 does without listing the table's chains and sets.
    /// </summary>
    public static string JobSetPrefix(long jobId, long generation) =>
        JobChain(jobId) + "_g" + generation.ToString(CultureInfo.InvariantCulture);

    /// <summary>The job's set of host . protocol . port ranges open from any source.</summary>
    public static string TcpUdpSet(long jobId, long generation) => JobSetPrefix(jobId, generation) + "_tcpudp";

    /// <summary>The job's set of host . source network . protocol . port ranges.</summary>
    public static string TcpUdpFromSourcesSet(long jobId, long generation) =>
        JobSetPrefix(jobId, generation) + "_tcpudp_src";

    /// <summary>The job's set of hosts open to every protocol from any source.</summary>
    public static string AllSet(long jobId, long generation) => JobSetPrefix(jobId, generation) + "_all";

    /// <summary>The job's set of host . source network pairs open to every protocol.</summary>
    public static string AllFromSourcesSet(long jobId, long generation) => JobSetPrefix(jobId, generation) + "_all_src";

    /// <summary>The names of the four sets of a job at one generation.</summary>
    public static IReadOnlyList<string> JobSets(long jobId, long generation) =>
    [
        TcpUdpSet(jobId, generation),
        TcpUdpFromSourcesSet(jobId, generation),
        AllSet(jobId, generation),
        AllFromSourcesSet(jobId, generation),
    ];
}
