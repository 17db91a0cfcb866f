namespace G5kFw.Sagas.Tests;

/// <summary>Polls a condition until it holds or a deadline passes, in place of fixed sleeps.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return await condition();
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout);
}
