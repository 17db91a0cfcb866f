using MassTransit;

namespace G5kFw.Sagas.Tests.Persistence;

/// <summary>A minimal saga that records every number it is sent, to detect lost updates.</summary>
public sealed class CounterState : SagaStateMachineInstance, ISaga
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public List<int> Numbers { get; set; } = [];
}
