using System.Globalization;
using G5kFw.Sagas.Jobs;
using MassTransit;
using Quartz;

namespace G5kFw.Sagas.Scheduling;

/// <summary>Publishes <see cref="ReplyDeadlineReached"/> to the job's saga.</summary>
public sealed class ReplyDeadlineJob(IBus bus) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var jobId = long.Parse(data.GetString(RetryJobRulesJob.JobIdKey)!, CultureInfo.InvariantCulture);

        var deadline = new ReplyDeadlineReached(data.GetString(RetryJobRulesJob.SiteKey)!, jobId);

        await bus.Publish(deadline, cancellationToken);
    }
}
