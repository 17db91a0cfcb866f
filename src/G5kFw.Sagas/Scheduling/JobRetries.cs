using G5kFw.Sagas.Settings;
using Quartz;

namespace G5kFw.Sagas.Scheduling;

/// <summary>
/// Keeps the Quartz triggers of the job sagas: one repeating retry trigger per (job, firewall) behind, and one reply
/// trigger per job at the earliest deadline of its pending requests. The triggers live in the clustered job store,
/// so they survive a restart of the Worker and fire on one Worker only.
/// </summary>
public sealed class JobRetries(ISchedulerFactory schedulerFactory, SagaSettings settings, TimeProvider timeProvider)
{
    private const string RetryGroup = "firewall-retries";
    private const string ReplyGroup = "reply-deadlines";

    /// <summary>Schedules retries of a firewall, unless its retry trigger exists and so keeps its timing.</summary>
    public async Task EnsureRetryAsync(string site, long jobId, string firewall, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var name = $"{site}/{jobId}/{firewall}";
        if (await scheduler.Exists(new TriggerKey(name, RetryGroup), cancellationToken))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(settings.RetrySeconds);
        var job = JobBuilder.Create<RetryJobRulesJob>()
            .WithIdentity(name, RetryGroup)
            .UsingJobData(RetryJobRulesJob.SiteKey, site)
            .UsingJobData(RetryJobRulesJob.JobIdKey, jobId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UsingJobData(RetryJobRulesJob.FirewallKey, firewall)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name, RetryGroup)
            .StartAt(timeProvider.GetUtcNow() + interval)
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever())
            .Build();

        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task CancelRetryAsync(string site, long jobId, string firewall, CancellationToken cancellationToken)
    {
        await DeleteJobAsync(new JobKey($"{site}/{jobId}/{firewall}", RetryGroup), cancellationToken);
    }

    /// <summary>Replaces the job's reply trigger so that it fires once at <paramref name="deadline"/>.</summary>
    public async Task ScheduleReplyDeadlineAsync(
        string site, long jobId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var name = $"{site}/{jobId}";
        var job = JobBuilder.Create<ReplyDeadlineJob>()
            .WithIdentity(name, ReplyGroup)
            .UsingJobData(RetryJobRulesJob.SiteKey, site)
            .UsingJobData(RetryJobRulesJob.JobIdKey, jobId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(name, ReplyGroup)
            .StartAt(deadline)
            .Build();

        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task CancelReplyDeadlineAsync(string site, long jobId, CancellationToken cancellationToken)
    {
        await DeleteJobAsync(new JobKey($"{site}/{jobId}", ReplyGroup), cancellationToken);
    }

    /// <summary>
    /// Deletes a job and its trigger. Quartz raises an error when another message of the job deleted the same trigger
    /// at the same time, which counts as done once the job is gone.
    /// </summary>
    private async Task DeleteJobAsync(JobKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        try
        {
            await scheduler.DeleteJob(key, cancellationToken);
        }
        catch (SchedulerException)
        {
            if (await scheduler.Exists(key, cancellationToken))
            {
                throw;
            }
        }
    }
}
