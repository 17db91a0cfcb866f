using System.Net;
using G5kFw.Firewall.Rules;

namespace G5kFw.Firewall.Agents;

/// <summary>
/// The job map elements that one job's change removes and adds. A host belongs to at most one job, and when two
/// jobs claim it the job with the higher OAR id wins, because OAR numbers jobs in submission order and the
/// later job is the one that OAR allocated the host to last.
/// </summary>
public sealed record HostChange(
    IReadOnlyList<IPAddress> Unmapped,
    IReadOnlyList<IPAddress> Mapped,
    IReadOnlyList<(IPAddress Host, long JobId)> KeptByLaterJobs)
{
    public static HostChange Plan(JobFirewallRules job, IReadOnlyDictionary<IPAddress, long> owners)
    {
        var wanted = job.Hosts.ToHashSet();
        var unmapped = owners
            .Where(owner => owner.Value == job.JobId && !wanted.Contains(owner.Key))
            .Select(owner => owner.Key)
            .ToList();
        var mapped = new List<IPAddress>();
        var kept = new List<(IPAddress, long)>();

        foreach (var host in job.Hosts)
        {
            if (!owners.TryGetValue(host, out var owner))
            {
                mapped.Add(host);
            }
            else if (owner > job.JobId)
            {
                kept.Add((host, owner));
            }
            else if (owner < job.JobId)
            {
                // The host passes from an earlier job: its element is replaced in the same transaction.
                unmapped.Add(host);
                mapped.Add(host);
            }
        }

        return new HostChange(unmapped, mapped, kept);
    }

    /// <summary>Assigns every host to the job with the highest id among the jobs that claim it.</summary>
    public static Dictionary<IPAddress, long> AssignOwners(IEnumerable<JobFirewallRules> jobs)
    {
        var owners = new Dictionary<IPAddress, long>();
        foreach (var job in jobs.OrderBy(job => job.JobId))
        {
            foreach (var host in job.Hosts)
            {
                owners[host] = job.JobId;
            }
        }

        return owners;
    }

    /// <summary>Records the change in the agent's host owners after its transaction succeeded.</summary>
    public void ApplyTo(Dictionary<IPAddress, long> owners, long jobId)
    {
        foreach (var host in Unmapped)
        {
            owners.Remove(host);
        }

        foreach (var host in Mapped)
        {
            owners[host] = jobId;
        }
    }
}
