using Quartz;

namespace G5kFw.Oar;

/// <summary>
/// The Quartz job that runs <see cref="OarReconciler"/>. With a clustered job store, one Worker at a time runs it.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OarReconciliationJob(OarReconciler reconciler) : IJob
{
    public static readonly JobKey Key = new("oar-reconciliation", "g5kfw");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await reconciler.ReconcileAsync(cancellationToken);
}
