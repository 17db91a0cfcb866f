namespace G5kFw.OarHook;

/// <summary>The OAR server hook that ran: the prologue reports a start, the epilogue an end.</summary>
public enum JobEvent
{
    Started,
    Ended,
}
