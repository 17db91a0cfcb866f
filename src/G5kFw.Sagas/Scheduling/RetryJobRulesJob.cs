using System.Globalization;
using G5kFw.Sagas.Jobs;
using MassTransit;
using Quartz;

namespace G5kFw.Sagas.Scheduling;

/// <summary>Publishes <see cref="RetryJobRules"/> to the job's saga, which decides whether to re-send rules.</summary>
public sealed class RetryJobRulesJob(IBus bus) : IJob
{
    public const string SiteKey = "site";
    public const string JobIdKey = "job-id";
    public const string FirewallKey = "firewall";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var jobId = long.Parse(data.GetString(JobIdKey)!, CultureInfo.InvariantCulture);

        var retry = new RetryJobRules(data.GetString(SiteKey)!, jobId, data.GetString(FirewallKey)!);

        await bus.Publish(retry, cancellationToken);
    }
}
