using Marten;
using MassTransit;
using MassTransit.Saga;

namespace G5kFw.Sagas.Persistence;

/// <summary>
/// Opens one Marten session for each message that reaches a saga, so that the saga, and every document or event
/// that its activities stage in that session, is saved in one transaction.
/// </summary>
public sealed class MartenSagaRepositoryContextFactory<TSaga>(
    IDocumentStore store,
    ISagaConsumeContextFactory<IDocumentSession, TSaga> factory,
    MartenSagaRepositoryOptions<TSaga> options) :
    ISagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        var repositoryContext = new MartenSagaRepositoryContext<TSaga, T>(session, context, factory, options);

        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(
        ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = store.LightweightSession();
        var repositoryContext = new MartenSagaRepositoryContext<TSaga, T>(session, context, factory, options);

        var instances = await session.Query<TSaga>()
            .Where(query.FilterExpression)
            .ToListAsync(context.CancellationToken);

        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(
        Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ExecuteAsync(asyncMethod, cancellationToken);

    public Task<T> Execute<T>(
        Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        ExecuteAsync(asyncMethod, cancellationToken);

    public void Probe(ProbeContext context) => context.Add("persistence", "marten");

    private async Task<T> ExecuteAsync<T>(
        Func<MartenSagaQueryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await asyncMethod(new MartenSagaQueryContext<TSaga>(session, cancellationToken));
    }
}
