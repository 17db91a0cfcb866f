using System.Globalization;

namespace G5kFw.OarHook;

/// <summary>
/// The command line: <c>started JOB_ID</c> or <c>ended JOB_ID</c> from OAR's server prologue and epilogue, or
/// <c>drain</c> to publish what the spool holds.
/// </summary>
public sealed record HookCommand(JobEvent? Event, long JobId)
{
    public const string Usage = "usage: G5kFw.OarHook started|ended JOB_ID, or G5kFw.OarHook drain";

    public static HookCommand? Parse(string[] args) => args switch
    {
        ["drain"] => new HookCommand(null, 0),
        ["started", var jobId] when TryParseJobId(jobId, out var id) => new HookCommand(JobEvent.Started, id),
        ["ended", var jobId] when TryParseJobId(jobId, out var id) => new HookCommand(JobEvent.Ended, id),
        _ => null,
    };

    private static bool TryParseJobId(string text, out long jobId) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out jobId) && jobId > 0;
}
