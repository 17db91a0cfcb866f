using MassTransit;

namespace G5kFw.Sagas.Persistence;

/// <summary>Options of the Marten saga repository for one saga type.</summary>
public sealed class MartenSagaRepositoryOptions<TSaga>
    where TSaga : class, ISaga
{
    /// <summary>
    /// Whether saving fails when another consumer stored the saga since this one loaded it, or created it first.
    /// Only tests switch it off, to show that concurrent events then lose updates.
    /// </summary>
    public bool ConcurrencyCheck { get; init; } = true;
}
