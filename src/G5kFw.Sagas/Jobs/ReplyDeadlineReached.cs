namespace G5kFw.Sagas.Jobs;

/// <summary>Sent by a job's reply trigger: the saga replies pending to every request whose wait has run out.</summary>
public sealed record ReplyDeadlineReached(string Site, long JobId);
