namespace G5kFw.Oar;

/// <summary>Decisions about OAR jobs that need no database.</summary>
public static class OarJobRules
{
    /// <summary>
    /// Returns true when the job holds whole hosts and no other job may share them: OAR lets jobs of a
    /// <c>timesharing</c> type (written <c>timesharing=user,name</c>) run together on the same resources.
    /// </summary>
    public static bool HoldsHostsExclusively(bool holdsWholeHosts, IReadOnlyCollection<string> hosts,
        IEnumerable<string> types) =>
        holdsWholeHosts
        && hosts.Count > 0
        && !types.Any(type => type.StartsWith("timesharing", StringComparison.Ordinal));
}
