using G5kFw.Contracts.Firewalls;
using G5kFw.Contracts.Openings;
using G5kFw.Firewall.Agents;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace G5kFw.Service.Bench;

/// <summary>
/// The floor of a POST: one PostgreSQL commit, one RabbitMQ publish-to-consume round trip and one nftables
/// transaction of one job, each measured alone on the lab's services.
/// </summary>
internal static class Floor
{
    /// <summary>Times commits of one inserted row into a temporary table of the lab's database.</summary>
    public static async Task<List<double>> PostgresCommitsAsync(LabSettings lab, int samples,
        CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(lab.Postgres);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_commit (id int, at timestamptz)",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var id = 0;
        return await Sampling.RepeatAsync(samples, async () =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new NpgsqlCommand("INSERT INTO bench_commit VALUES (@id, now())", connection,
                transaction);
            insert.Parameters.AddWithValue("id", ++id);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>
    /// Times messages published to the default exchange and consumed from a temporary queue of the bench's own,
    /// which the broker deletes when the connection closes.
    /// </summary>
    public static async Task<List<double>> RabbitRoundTripsAsync(LabSettings lab, int samples,
        CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = lab.RabbitHost,
            Port = lab.RabbitPort,
            UserName = lab.RabbitUser,
            Password = lab.RabbitPassword,
            ClientProvidedName = "g5kfw-service-bench",
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true,
            cancellationToken: cancellationToken);

        TaskCompletionSource received = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, _) =>
        {
            received.TrySetResult();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);

        var body = new byte[200];
        return await Sampling.RepeatAsync(samples, async () =>
        {
            received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await channel.BasicPublishAsync("", queue.QueueName, body, cancellationToken);
            await received.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        });
    }

    /// <summary>
    /// Times one job's change through the project's agent in the scratch namespace: one opening whose port
    /// changes at every generation, as a POST of one opening changes a job on each firewall.
    /// </summary>
    public static async Task<List<double>> NftablesTransactionsAsync(FirewallAgent agent, int samples,
        CancellationToken cancellationToken)
    {
        var generation = 0L;
        return await Sampling.RepeatAsync(samples, async () =>
        {
            generation++;
            var opening = new Opening(["2001:db8:1::1/128"], [new PortRange(1000 + (int)(generation % 2), 1000 +
                (int)(generation % 2))], OpeningProtocol.TcpUdp, null);
            var outcome = await agent.ApplyAsync(new JobRules("bench", 1, generation, [opening]), cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException(
                    $"The scratch agent failed to apply generation {generation}: {outcome.FailureReason}");
            }
        });
    }
}
