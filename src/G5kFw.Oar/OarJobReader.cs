using Npgsql;

namespace G5kFw.Oar;

/// <summary>Reads jobs with one query per job through each site's read-only account.</summary>
public sealed class OarJobReader : IOarJobReader, IAsyncDisposable
{
    private readonly Dictionary<string, NpgsqlDataSource> _dataSources;
    private readonly int _commandTimeoutSeconds;

    public OarJobReader(OarSettings settings)
    {
        _dataSources = settings.Sites.ToDictionary(
            site => site.Key,
            site => NpgsqlDataSource.Create(site.Value.ConnectionString),
            StringComparer.OrdinalIgnoreCase);
        _commandTimeoutSeconds = settings.CommandTimeoutSeconds;
    }

    public IReadOnlyCollection<string> Sites => _dataSources.Keys;

    public bool HasSite(string site) => _dataSources.ContainsKey(site);

    public async Task<OarJob?> GetJobAsync(string site, long jobId, CancellationToken cancellationToken)
    {
        if (!_dataSources.TryGetValue(site, out var dataSource))
        {
            throw new ArgumentException(
                $"Site '{site}' has no OAR database in the settings; configured sites: {string.Join(", ", Sites)}.",
                nameof(site));
        }

        await using var command = dataSource.CreateCommand(OarJobQuery.Sql);
        command.CommandTimeout = _commandTimeoutSeconds;
        command.Parameters.AddWithValue("job_id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var state = reader.GetString(1);
        var types = reader.GetFieldValue<string[]>(4);
        var hosts = reader.GetFieldValue<string[]>(5);
        var held = reader.GetFieldValue<int[]>(7);
        var total = reader.GetFieldValue<int[]>(8);
        var shares = hosts.Select((host, i) => new OarHostShare(host, held[i], total[i])).ToList();
        return new OarJob(
            site,
            jobId,
            Owner: reader.GetString(0),
            State: state,
            IsRunning: state == "Running" && hosts.Length > 0,
            Hosts: hosts,
            HoldsHostsExclusively: OarJobRules.HoldsHostsExclusively(reader.GetBoolean(6), hosts, types),
            Types: types,
            StartedAt: ReadUnixTime(reader, 2),
            StoppedAt: ReadUnixTime(reader, 3))
        {
            HostShares = shares,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources.Values)
        {
            await dataSource.DisposeAsync();
        }
    }

    private static DateTimeOffset? ReadUnixTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(ordinal));
}
