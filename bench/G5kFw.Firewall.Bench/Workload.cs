using System.Globalization;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Bench;

/// <summary>
/// Generates jobs of ten openings each. Every opening has its own host and its own ports, so that merging
/// keeps one nftables rule per opening and the rule count equals the opening count.
/// </summary>
internal static class Workload
{
    public const int OpeningsPerJob = 10;

    public const string ProtectedPrefix = "2001:db8::/32";

    public static List<JobRules> OtherJobs(int openings)
    {
        var jobs = new List<JobRules>();
        for (var job = 0; job * OpeningsPerJob < openings; job++)
        {
            var count = Math.Min(OpeningsPerJob, openings - (job * OpeningsPerJob));
            jobs.Add(Job(jobId: 1000 + job, generation: 1, count, portShift: 0));
        }

        return jobs;
    }

    /// <summary>Returns the measured job at a generation; odd and even generations open different ports.</summary>
    public static JobRules MeasuredJob(long generation) =>
        Job(jobId: 1, generation, OpeningsPerJob, portShift: (int)(generation % 2) * 100);

    /// <summary>The host address of one opening: job and opening numbers in the last two groups.</summary>
    public static string Host(long jobId, int opening) =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8:{jobId / 65536:x}:{jobId % 65536:x}::{opening + 1:x}");

    private static JobRules Job(long jobId, long generation, int openings, int portShift)
    {
        var list = new List<Opening>();
        for (var opening = 0; opening < openings; opening++)
        {
            var port = 1000 + (opening * 10) + portShift;
            list.Add(new Opening(
                [$"{Host(jobId, opening)}/128"],
                [new PortRange(22, 22), new PortRange(port, port + 5)],
                OpeningProtocol.TcpUdp,
                null));
        }

        return new JobRules("bench", jobId, generation, list);
    }
}
