namespace G5kFw.Oar.Tests;

/// <summary>Polls a condition until it holds, so that tests wait for what they expect instead of sleeping.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> WaitForAsync<T>(
        Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, string description)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {description}; " +
                    $"last value: {value}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
