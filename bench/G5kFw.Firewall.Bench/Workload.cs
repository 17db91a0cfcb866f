using System.Globalization;
using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;

namespace G5kFw.Firewall.Bench;

/// <summary>
/// Generates jobs of <see cref="OpeningsPerJob"/> openings on <see cref="HostsPerJob"/> hosts each. Every
/// opening has its own ports, so that merging keeps the openings apart. By default every opening also has its
/// own host.
/// </summary>
internal sealed class Workload(int openingsPerJob, int hostsPerJob)
{
    /// <summary>The measured job's size, whatever the other jobs' shape.</summary>
    private const int MeasuredJobOpenings = 10;

    public const string ProtectedPrefix = "2001:db8::/32";

    public int OpeningsPerJob { get; } = openingsPerJob;

    public int HostsPerJob { get; } = hostsPerJob;

    public List<JobRules> OtherJobs(int openings)
    {
        var jobs = new List<JobRules>();
        for (var job = 0; job * OpeningsPerJob < openings; job++)
        {
            var count = Math.Min(OpeningsPerJob, openings - (job * OpeningsPerJob));
            jobs.Add(Job(jobId: 1000 + job, generation: 1, count, HostsPerJob, portShift: 0));
        }

        return jobs;
    }

    /// <summary>Returns the measured job at a generation; odd and even generations open different ports.</summary>
    public static JobRules MeasuredJob(long generation) =>
        Job(jobId: 1, generation, MeasuredJobOpenings, MeasuredJobOpenings, portShift: (int)(generation % 2) * 100);

    /// <summary>The host address of one opening: job and opening numbers in the last two groups.</summary>
    public static string Host(long jobId, int opening) =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8:{jobId / 65536:x}:{jobId % 65536:x}::{opening + 1:x}");

    private static JobRules Job(long jobId, long generation, int openings, int hosts, int portShift)
    {
        var list = new List<Opening>();
        for (var opening = 0; opening < openings; opening++)
        {
            var port = 1000 + (opening * 10) + portShift;
            list.Add(new Opening(
                [$"{Host(jobId, opening % hosts)}/128"],
                [new PortRange(22, 22), new PortRange(port, port + 5)],
                OpeningProtocol.TcpUdp,
                null));
        }

        return new JobRules("bench", jobId, generation, list);
    }
}
