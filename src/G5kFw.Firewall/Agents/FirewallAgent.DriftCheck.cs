using G5kFw.Firewall.Nftables;
using G5kFw.Firewall.Rendering;
using Microsoft.Extensions.Logging;

namespace G5kFw.Firewall.Agents;

/// <summary>The drift check of the agent: compares its table with the applied state and repairs it.</summary>
public sealed partial class FirewallAgent
{
    /// <summary>
    /// Compares the table with the applied state and rebuilds it when they differ. Returns the differences
    /// found, or an empty list. Does nothing before the desired state is known.
    /// </summary>
    /// <remarks>
    /// With a reader of its own, the agent lists the table without holding its lock and compares only when no
    /// transaction was committed during the listing. After <see cref="MaxSkippedChecks"/> checks in a row that
    /// skipped, it lists under the lock, so that a busy firewall still gets checked.
    /// </remarks>
    public async Task<IReadOnlyList<string>> RepairDriftAsync(CancellationToken cancellationToken)
    {
        uint? generation;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!KnowsDesiredState)
            {
                return [];
            }

            generation = await _nftables.ReadGenerationAsync(cancellationToken);
            if (generation is not null && generation == _matchingGeneration)
            {
                await DeleteUnusedSetsAsync(cancellationToken);
                return [];
            }

            if (generation is null || ReferenceEquals(_reader, _nftables) || _skippedChecks >= MaxSkippedChecks)
            {
                _skippedChecks = 0;
                var lockedListing = await ReadTableAsync(_nftables, cancellationToken);
                return await CompareAndRepairAsync(lockedListing, generation, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }

        var listing = await ReadTableAsync(_reader, cancellationToken);
        var listedGeneration = await _reader.ReadGenerationAsync(cancellationToken);

        await _lock.WaitAsync(cancellationToken);
        try
        {
            var current = await _nftables.ReadGenerationAsync(cancellationToken);
            if (listedGeneration != generation || current != generation)
            {
                _skippedChecks++;
                _logger.LogInformation(
                    "Firewall agent {Firewall} saw a transaction during the listing of table {Table} (generation " +
                        "{Generation} to {CurrentGeneration}); it checks for drift again at the next tick",
                    Settings.Firewall, Settings.Table, generation, current);
                return [];
            }

            _skippedChecks = 0;
            return await CompareAndRepairAsync(listing, generation, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Compares a listing taken at the generation with the applied state, and rebuilds on differences.</summary>
    private async Task<IReadOnlyList<string>> CompareAndRepairAsync(
        string? listing, uint? generation, CancellationToken cancellationToken)
    {
        var differences = listing is null
            ? [$"table {Settings.Table} is missing"]
            : DriftDetector.FindDifferences(listing, ProtectedPrefixes, _jobs.Values, _hostOwners);
        if (differences.Count == 0)
        {
            _matchingGeneration = generation;
            await DeleteUnusedSetsAsync(cancellationToken);
            return differences;
        }

        _logger.LogWarning(
            "Firewall agent {Firewall} of site {Site} found {DifferenceCount} differences in table {Table}, " +
            "first: {Difference}. Rebuilding the table",
            Settings.Firewall, Settings.Site, differences.Count, Settings.Table, differences[0]);
        await RebuildTableAsync(_jobs.Values.ToList(), cancellationToken);
        return differences;
    }

    private async Task DeleteUnusedSetsAsync(CancellationToken cancellationToken)
    {
        if (_unusedSets.Count == 0)
        {
            return;
        }

        try
        {
            await _nftables.RunAsync(NftRenderer.RenderSetDeletion(Settings.Table, _unusedSets), cancellationToken);
            _unusedSets.Clear();
            await FollowOwnTransactionAsync(cancellationToken);
        }
        catch (NftablesException exception)
        {
            // The next rebuild deletes the whole table, unused sets included.
            _logger.LogWarning(exception,
                "Firewall agent {Firewall} failed to delete {SetCount} unused sets from table {Table}; " +
                "they stay until the next rebuild",
                Settings.Firewall, _unusedSets.Count, Settings.Table);
            _unusedSets.Clear();
        }
    }

    /// <summary>Returns the table's JSON listing, or null when the table does not exist.</summary>
    private async Task<string?> ReadTableAsync(INftables runner, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.ListJsonAsync($"list table {TableLayout.Family} {Settings.Table}", cancellationToken);
        }
        catch (NftablesException exception) when (exception.Message.Contains("No such file or directory",
            StringComparison.Ordinal))
        {
            return null;
        }
    }
}
