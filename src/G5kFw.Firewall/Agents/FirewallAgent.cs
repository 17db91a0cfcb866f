using System.Net;
using G5kFw.Contracts.Firewalls;
using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Rendering;
using G5kFw.Firewall.Rules;
using G5kFw.Firewall.Settings;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall.Agents;

/// <summary>
/// Applies jobs' rules to one firewall's nftables table and keeps, in memory, the rules it last applied per job.
/// The job saga owns the desired state. After a start the agent has it only once a
/// <see cref="RebuildFirewall"/> arrives, and until then it neither checks for drift nor repairs.
/// </summary>
/// <remarks>One transaction runs at a time, so concurrent commands for the same firewall are serialized.</remarks>
public sealed partial class FirewallAgent : IDisposable
{
    /// <summary>The number of drift checks in a row that may skip their comparison before one lists under the lock.</summary>
    private const int MaxSkippedChecks = 3;

    private readonly INftables _nftables;
    private readonly INftables _reader;
    private readonly ILogger<FirewallAgent> _logger;
    private readonly ConnectionTracking _connections;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<long, JobFirewallRules> _jobs = [];
    private readonly Dictionary<long, long> _appliedGenerations = [];
    private readonly Dictionary<IPAddress, long> _hostOwners = [];

    // Sets of earlier generations that no rule references any more. A job's change leaves them in place because
    // deleting makes nft 1.0.6 list every chain and set, and the drift check deletes them in one transaction.
    private readonly List<string> _unusedSets = [];

    // The ruleset generation id at which the table was known to match the applied state: after a rebuild, a drift
    // check with no differences, or an own transaction that directly followed one of those. A drift check at that
    // generation skips the listing, because no transaction was committed since.
    private uint? _matchingGeneration;

    // Drift checks in a row that skipped their comparison because a transaction ran during their listing.
    private int _skippedChecks;

    /// <param name="reader">
    /// A second runner in the same namespace for the drift check's listing, which can take seconds with a large
    /// table, so that job changes go on meanwhile. Without it the listing runs on <paramref name="nftables"/>.
    /// </param>
    public FirewallAgent(
        FirewallAgentSettings settings,
        INftables nftables,
        ILogger<FirewallAgent> logger,
        ConnectionTracking? connections = null,
        INftables? reader = null)
    {
        Settings = settings;
        ProtectedPrefixes = FirewallAgentSettingsReader.ParseProtectedPrefixes(settings, FirewallAgentSettings.Section);
        _nftables = nftables;
        _reader = reader ?? nftables;
        _logger = logger;
        _connections = connections ?? new ConnectionTracking(settings.Namespace);
    }

    public FirewallAgentSettings Settings { get; }

    public IReadOnlyList<Ipv6Prefix> ProtectedPrefixes { get; }

    /// <summary>Whether a rebuild has given the agent the desired state of every job of its site.</summary>
    public bool KnowsDesiredState { get; private set; }

    /// <summary>
    /// Creates the table with its forward chain when it is absent. An existing table is kept as it is, so that
    /// a restarted agent does not close the openings in place before the saga sends the desired state.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (await ReadTableAsync(_nftables, cancellationToken) is not null)
            {
                _logger.LogInformation(
                    "Firewall agent {Firewall} of site {Site} keeps existing table {Table} until the desired state " +
                        "arrives",
                    Settings.Firewall, Settings.Site, Settings.Table);
                return;
            }

            await _nftables.RunAsync(NftRenderer.RenderBaseTable(Settings.Table, ProtectedPrefixes), cancellationToken);
            _logger.LogInformation(
                "Firewall agent {Firewall} of site {Site} created table {Table} with no openings",
                Settings.Firewall, Settings.Site, Settings.Table);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Applies one job's complete rules in one transaction. A generation older than the one applied, or the
    /// same one again, changes nothing and returns the applied generation.
    /// </summary>
    public async Task<ApplyOutcome> ApplyAsync(JobRules rules, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_appliedGenerations.TryGetValue(rules.JobId, out var applied) && rules.Generation <= applied)
            {
                _logger.LogInformation(
                    "Firewall agent {Firewall} ignored generation {Generation} of job {JobId} " +
                    "because generation {AppliedGeneration} is applied",
                    Settings.Firewall, rules.Generation, rules.JobId, applied);
                return new ApplyOutcome(rules.JobId, applied, null);
            }

            JobFirewallRules job;
            try
            {
                job = JobRulesParser.Parse(rules);
            }
            catch (InvalidJobRulesException exception)
            {
                _logger.LogWarning(exception,
                    "Firewall agent {Firewall} rejected generation {Generation} of job {JobId} of site {Site}",
                    Settings.Firewall, rules.Generation, rules.JobId, rules.Site);
                return new ApplyOutcome(rules.JobId, rules.Generation, exception.Message);
            }

            return await ApplyParsedAsync(job, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Replaces the whole table with the given jobs in one transaction and takes them as the desired state.
    /// A job for which a newer generation is already applied keeps that generation.
    /// </summary>
    public async Task<IReadOnlyList<ApplyOutcome>> RebuildAsync(IReadOnlyList<JobRules> jobs,
        CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var desired = new Dictionary<long, JobFirewallRules>();
            var outcomes = new List<ApplyOutcome>();
            foreach (var rules in jobs)
            {
                if (_appliedGenerations.TryGetValue(rules.JobId, out var applied) && rules.Generation < applied)
                {
                    if (_jobs.TryGetValue(rules.JobId, out var newer))
                    {
                        desired[rules.JobId] = newer;
                    }

                    outcomes.Add(new ApplyOutcome(rules.JobId, applied, null));
                    continue;
                }

                try
                {
                    desired[rules.JobId] = JobRulesParser.Parse(rules);
                    outcomes.Add(new ApplyOutcome(rules.JobId, rules.Generation, null));
                }
                catch (InvalidJobRulesException exception)
                {
                    _logger.LogWarning(exception,
                        "Firewall agent {Firewall} left out generation {Generation} of job {JobId} from the rebuild",
                        Settings.Firewall, rules.Generation, rules.JobId);
                    outcomes.Add(new ApplyOutcome(rules.JobId, rules.Generation, exception.Message));
                }
            }

            try
            {
                await RebuildTableAsync(desired.Values, cancellationToken);
            }
            catch (NftablesException exception)
            {
                _logger.LogError(exception,
                    "Firewall agent {Firewall} of site {Site} failed to rebuild table {Table} with {JobCount} jobs",
                    Settings.Firewall, Settings.Site, Settings.Table, desired.Count);
                return outcomes.Select(outcome => outcome.Succeeded
                    ? outcome with { FailureReason = $"Rebuilding table {Settings.Table} failed: {exception.Message}" }
                    : outcome).ToList();
            }

            foreach (var outcome in outcomes.Where(outcome => outcome.Succeeded))
            {
                _appliedGenerations[outcome.JobId] = outcome.Generation;
            }

            KnowsDesiredState = true;
            return outcomes;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _nftables.Dispose();
        if (!ReferenceEquals(_reader, _nftables))
        {
            _reader.Dispose();
        }
    }

    private async Task<ApplyOutcome> ApplyParsedAsync(JobFirewallRules job, CancellationToken cancellationToken)
    {
        if (job.Rules.Count == 0 && !_jobs.ContainsKey(job.JobId))
        {
            _appliedGenerations[job.JobId] = job.Generation;
            return new ApplyOutcome(job.JobId, job.Generation, null);
        }

        var previous = _jobs.GetValueOrDefault(job.JobId);
        var change = HostChange.Plan(job, _hostOwners);
        foreach (var (host, laterJobId) in change.KeptByLaterJobs)
        {
            _logger.LogWarning(
                "Firewall agent {Firewall} left host {Host} to job {LaterJobId} instead of job {JobId}, " +
                "because a host belongs to the job with the highest id",
                Settings.Firewall, host, laterJobId, job.JobId);
        }

        try
        {
            var script = NftRenderer.RenderJobChange(
                Settings.Table, job, previous?.Generation, change.Unmapped, change.Mapped);
            await _nftables.RunAsync(script, cancellationToken);
        }
        catch (NftablesException exception) when (KnowsDesiredState)
        {
            // The job's transaction fails when the table drifted (a map element or the chain was removed),
            // so the agent rebuilds the whole table with this job before it reports a failure.
            _logger.LogWarning(exception,
                "Firewall agent {Firewall} failed to apply generation {Generation} of job {JobId}; rebuilding table " +
                    "{Table}",
                Settings.Firewall, job.Generation, job.JobId, Settings.Table);
            return await RebuildWithJobAsync(job, cancellationToken);
        }
        catch (NftablesException exception)
        {
            _logger.LogError(exception,
                "Firewall agent {Firewall} failed to apply generation {Generation} of job {JobId} of site {Site}",
                Settings.Firewall, job.Generation, job.JobId, Settings.Site);
            return new ApplyOutcome(job.JobId, job.Generation, exception.Message);
        }

        await FollowOwnTransactionAsync(cancellationToken);
        change.ApplyTo(_hostOwners, job.JobId);
        if (previous is not null && job.Rules.Count > 0)
        {
            _unusedSets.AddRange(TableLayout.JobSets(previous.JobId, previous.Generation));
        }

        Remember(job);
        await ForgetConnectionsAsync(change.Unmapped, cancellationToken);
        _logger.LogInformation(
            "Firewall agent {Firewall} applied generation {Generation} of job {JobId}: {RuleCount} rules for " +
                "{HostCount} hosts",
            Settings.Firewall, job.Generation, job.JobId, job.Rules.Count, job.Hosts.Count);
        return new ApplyOutcome(job.JobId, job.Generation, null);
    }

    /// <summary>
    /// Ends the tracked connections to hosts that lost their openings, so that none outlives its opening. A
    /// failure is logged and the change still counts as applied, because the rules themselves are in place.
    /// </summary>
    private async Task ForgetConnectionsAsync(IReadOnlyList<IPAddress> hosts, CancellationToken cancellationToken)
    {
        if (hosts.Count == 0)
        {
            return;
        }

        try
        {
            await _connections.ForgetDestinationsAsync(hosts, cancellationToken);
            _logger.LogInformation(
                "Firewall agent {Firewall} ended the tracked connections to {HostCount} hosts that lost their openings",
                Settings.Firewall, hosts.Count);
        }
        catch (NftablesException exception)
        {
            _logger.LogWarning(exception,
                "Firewall agent {Firewall} could not end the tracked connections to {HostCount} hosts, first {Host}",
                Settings.Firewall, hosts.Count, hosts[0]);
        }
    }

    private async Task<ApplyOutcome> RebuildWithJobAsync(JobFirewallRules job, CancellationToken cancellationToken)
    {
        var jobs = _jobs.Values.Where(other => other.JobId != job.JobId).Append(job).ToList();
        try
        {
            await RebuildTableAsync(jobs, cancellationToken);
        }
        catch (NftablesException exception)
        {
            _logger.LogError(exception,
                "Firewall agent {Firewall} of site {Site} failed to rebuild table {Table} for generation " +
                    "{Generation} of job {JobId}",
                Settings.Firewall, Settings.Site, Settings.Table, job.Generation, job.JobId);
            return new ApplyOutcome(job.JobId, job.Generation, exception.Message);
        }

        _appliedGenerations[job.JobId] = job.Generation;
        return new ApplyOutcome(job.JobId, job.Generation, null);
    }

    /// <summary>
    /// Replaces the whole table with the jobs, then ends the tracked connections to every host that the table
    /// mapped to a job before and now drops or maps to another job.
    /// </summary>
    private async Task RebuildTableAsync(IReadOnlyCollection<JobFirewallRules> jobs,
        CancellationToken cancellationToken)
    {
        var owners = HostChange.AssignOwners(jobs);
        var previousChains = await ReadPreviousHostChainsAsync(cancellationToken);
        await _nftables.RunAsync(NftRenderer.RenderRebuild(Settings.Table, ProtectedPrefixes, jobs, owners),
            cancellationToken);
        _matchingGeneration = await _nftables.ReadGenerationAsync(cancellationToken);

        _jobs.Clear();
        foreach (var job in jobs.Where(job => job.Rules.Count > 0))
        {
            _jobs[job.JobId] = job;
        }

        _unusedSets.Clear();
        _hostOwners.Clear();
        foreach (var (host, jobId) in owners)
        {
            _hostOwners[host] = jobId;
        }

        _logger.LogInformation(
            "Firewall agent {Firewall} of site {Site} rebuilt table {Table} with {JobCount} jobs and {HostCount} hosts",
            Settings.Firewall, Settings.Site, Settings.Table, _jobs.Count, owners.Count);

        var changedHosts = previousChains
            .Where(pair => !owners.TryGetValue(pair.Key, out var jobId) || TableLayout.JobChain(jobId) != pair.Value)
            .Select(pair => pair.Key)
            .ToList();
        await ForgetConnectionsAsync(changedHosts, cancellationToken);
    }

    /// <summary>
    /// Returns the host to chain pairs that the table had before a rebuild: the applied state once the agent has
    /// it, or else the job map as listed, because a restarted agent finds the table of its previous run.
    /// </summary>
    private async Task<Dictionary<IPAddress, string>> ReadPreviousHostChainsAsync(CancellationToken cancellationToken)
    {
        if (KnowsDesiredState)
        {
            return _hostOwners.ToDictionary(pair => pair.Key, pair => TableLayout.JobChain(pair.Value));
        }

        try
        {
            var listing = await _nftables.ListJsonAsync(
                $"list map {TableLayout.Family} {Settings.Table} {TableLayout.JobHostsMap}", cancellationToken);
            return DriftDetector.ReadMappedHosts(listing);
        }
        catch (NftablesException exception)
        {
            _logger.LogWarning(exception,
                "Firewall agent {Firewall} could not list map {Map} of table {Table}; the rebuild ends no tracked " +
                    "connections",
                Settings.Firewall, TableLayout.JobHostsMap, Settings.Table);
            return [];
        }
    }

    /// <summary>
    /// Moves the matching generation forward after a transaction of the agent. Any other transaction in the
    /// namespace, before or right after it, leaves a gap of more than one, and the next drift check then lists
    /// the table.
    /// </summary>
    private async Task FollowOwnTransactionAsync(CancellationToken cancellationToken)
    {
        var generation = await _nftables.ReadGenerationAsync(cancellationToken);
        _matchingGeneration = generation is not null && generation - 1 == _matchingGeneration ? generation : null;
    }

    private void Remember(JobFirewallRules job)
    {
        _appliedGenerations[job.JobId] = job.Generation;
        if (job.Rules.Count == 0)
        {
            _jobs.Remove(job.JobId);
        }
        else
        {
            _jobs[job.JobId] = job;
        }
    }
}
