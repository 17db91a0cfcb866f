using G5kFw.Api.Settings;
using G5kFw.Contracts.Openings;
using MassTransit;

namespace G5kFw.Api.Endpoints;

/// <summary>
/// Sends the job saga a request and waits up to <see cref="ApiSettings.ReplyTimeoutSeconds"/> for its reply.
/// The request stays on the bus after the wait, so the saga still applies it when its reply comes late.
/// </summary>
/// <remarks>
/// MassTransit gives a request a time to live equal to its timeout by default, and RabbitMQ then drops a request that
/// no Worker took in time: an accepted opening would be lost behind a 202. The request lives for
/// <see cref="RequestTimeToLive"/> instead, set on the send context after MassTransit set its own. MassTransit 8.5.12
/// throws when the request's <c>TimeToLive</c> is <c>RequestTimeout.None</c>, so it cannot be cleared there.
/// </remarks>
public sealed class SagaGateway(
    IRequestClient<OpeningRequested> openingClient,
    IRequestClient<RemoveOpenings> removalClient,
    IBusControl bus,
    ApiSettings settings)
{
    /// <summary>
    /// How long past the reply wait a request may still be in the send to the broker. MassTransit keeps a send
    /// waiting while it reconnects to an unreachable broker, and the reply wait does not bound that.
    /// </summary>
    private static readonly TimeSpan SendGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long an accepted request waits on the bus for a Worker, longer than any Worker outage.</summary>
    private static readonly TimeSpan RequestTimeToLive = TimeSpan.FromDays(7);

    public Task<SagaReply> RequestOpeningsAsync(OpeningRequested request, CancellationToken cancellationToken) =>
        SendAsync(openingClient, request, cancellationToken);

    public Task<SagaReply> RemoveOpeningsAsync(RemoveOpenings request, CancellationToken cancellationToken) =>
        SendAsync(removalClient, request, cancellationToken);

    private async Task<SagaReply> SendAsync<T>(IRequestClient<T> client, T request, CancellationToken cancellationToken)
        where T : class
    {
        if (bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
        {
            return SagaReply.NotSent;
        }

        var timeout = RequestTimeout.After(ms: (int)(settings.ReplyTimeoutSeconds * 1000));
        using var sendLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // MassTransit 8.5.12 blocks the calling thread inside GetResponse while it cannot reach the broker, and
            // ignores cancellation there, so the request runs on a pool thread and the wait is bounded here.
            // NOTE: each request sent during an outage keeps a pool thread blocked until the broker is back.
            var responseTask = Task.Run(
                () => client.GetResponse<OpeningRequestCompleted, OpeningRequestRejected>(
                    request, send => send.UseExecute(context => context.TimeToLive = RequestTimeToLive),
                    sendLimit.Token, timeout),
                CancellationToken.None);

            var limit = Task.Delay(TimeSpan.FromSeconds(settings.ReplyTimeoutSeconds) + SendGrace, cancellationToken);
            if (await Task.WhenAny(responseTask, limit) != responseTask)
            {
                await sendLimit.CancelAsync();
                _ = responseTask.ContinueWith(
                    task => task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                return SagaReply.NotSent;
            }

            var response = await responseTask;
            if (response.Is(out Response<OpeningRequestCompleted>? completed))
            {
                return new SagaReply(completed.Message, null);
            }

            response.Is(out Response<OpeningRequestRejected>? rejected);
            return new SagaReply(null, rejected!.Message);
        }
        catch (RequestTimeoutException)
        {
            return SagaReply.TimedOut;
        }
    }
}
