using G5kFw.OarHook;

var command = HookCommand.Parse(args);
if (command is null)
{
    Console.Error.WriteLine($"{HookCommand.Usage}; got '{string.Join(' ', args)}'");
    return 0;
}

try
{
    await HookRun.RunAsync(command);
}
catch (Exception exception)
{
    // OAR stops every queue when a server hook exits with another status than 0, so even an unexpected fault only
    // gets reported here. The spooled event is published by a later run, and reconciliation catches a lost end.
    Console.Error.WriteLine($"G5kFw.OarHook failed unexpectedly: {exception}");
}

return 0;
