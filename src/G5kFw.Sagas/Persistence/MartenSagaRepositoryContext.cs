using Marten;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Npgsql;

namespace G5kFw.Sagas.Persistence;

/// <summary>
/// Loads and saves one saga instance in a Marten session. The session is a payload of the saga's consume context,
/// so that activities stage their documents and events in the same transaction as the saga.
/// </summary>
public sealed class MartenSagaRepositoryContext<TSaga, TMessage>(
    IDocumentSession session,
    ConsumeContext<TMessage> consumeContext,
    ISagaConsumeContextFactory<IDocumentSession, TSaga> factory,
    MartenSagaRepositoryOptions<TSaga> options) :
    ConsumeContextScope<TMessage>(consumeContext, session),
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISaga
    where TMessage : class
{
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(session, this, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        session.Insert(instance);
        await SaveChangesAsync(instance);
        return await factory.CreateSagaConsumeContext(session, this, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>?> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync<TSaga>(correlationId, CancellationToken);
        return instance is null
            ? null
            : await factory.CreateSagaConsumeContext(session, this, instance, SagaConsumeContextMode.Load);
    }

    /// <summary>
    /// Saves a new instance. With the concurrency check an insert fails when another consumer created the same saga
    /// first, so the message is retried and then finds the instance.
    /// </summary>
    public Task Save(SagaConsumeContext<TSaga> context)
    {
        if (options.ConcurrencyCheck)
        {
            session.Insert(context.Saga);
        }
        else
        {
            session.Store(context.Saga);
        }

        return SaveChangesAsync(context.Saga);
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        session.Update(context.Saga);
        return SaveChangesAsync(context.Saga);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        session.Delete(context.Saga);
        return SaveChangesAsync(context.Saga);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        session.Eject(context.Saga);
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(
        ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(session, new ConsumeContextScope<T>(consumeContext, session), instance, mode);

    /// <summary>
    /// Commits the session, and turns a conflict with another consumer into MassTransit's
    /// <see cref="MassTransit.ConcurrencyException"/>, which the saga definitions retry.
    /// </summary>
    private async Task SaveChangesAsync(TSaga instance)
    {
        try
        {
            await session.SaveChangesAsync(CancellationToken);
        }
        catch (Exception exception) when (IsConflict(exception))
        {
            throw new MassTransit.ConcurrencyException(
                $"Another consumer changed saga {instance.CorrelationId} of type {typeof(TSaga).Name} first; " +
                "the message is retried on the stored version.",
                typeof(TSaga),
                instance.CorrelationId,
                exception);
        }
    }

    /// <summary>
    /// Tells whether a save failed because another consumer saved first: a stale version, a saga inserted twice, or
    /// a unique key violation (SQLSTATE 23505) on the audit stream that the other consumer appended to.
    /// </summary>
    private static bool IsConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException
                or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }
}
