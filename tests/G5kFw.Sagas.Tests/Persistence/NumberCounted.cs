namespace G5kFw.Sagas.Tests.Persistence;

public sealed record NumberCounted(Guid CounterId, int Number);
