namespace G5kFw.Sagas.Tests.Persistence;

public sealed record CountNumber(Guid CounterId, int Number);
