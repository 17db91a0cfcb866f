using MassTransit;

namespace G5kFw.Sagas.Persistence;

public static class ConcurrencyRetryExtensions
{
    /// <summary>
    /// Runs a message again on the stored saga when the Marten saga repository reports that another consumer saved
    /// first, after a short growing wait, up to <paramref name="retryLimit"/> times. Other errors are not retried.
    /// </summary>
    public static void UseSagaConcurrencyRetry(this IReceiveEndpointConfigurator endpoint, int retryLimit = 500)
    {
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<ConcurrencyException>();
            retry.Exponential(
                retryLimit,
                minInterval: TimeSpan.FromMilliseconds(5),
                maxInterval: TimeSpan.FromMilliseconds(500),
                intervalDelta: TimeSpan.FromMilliseconds(10));
        });
    }
}
