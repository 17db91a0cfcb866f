namespace G5kFw.Sagas.Tests.Persistence;

public sealed record CounterCreated(Guid CounterId, int Number);
