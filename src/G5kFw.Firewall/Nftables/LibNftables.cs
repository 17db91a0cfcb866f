using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace G5kFw.Firewall.Nftables;

/// <summary>
/// Runs nftables scripts in-process through libnftables' text API, on one dedicated thread. With a namespace
/// that thread first joins <c>/run/netns/NAME</c>, because the netlink socket of an nft context belongs to the
/// network namespace of the thread that created it.
/// </summary>
public sealed class LibNftables : INftables
{
    // Queued in place of a script, so that the generation id is read on the thread inside the namespace. It is a
    // string instance of its own, which no script shares.
    private static readonly string ReadGenerationCommand = new('\0', 1);

    private readonly BlockingCollection<Command> _commands = [];
    private readonly Thread _thread;
    private bool _disposed;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LibNftables(string? networkNamespace)
    {
        _thread = new Thread(() => Run(networkNamespace))
        {
            IsBackground = true,
            Name = networkNamespace is null ? "libnftables" : $"libnftables {networkNamespace}",
        };
        _thread.Start();

        // Fails here, not at the first transaction, when the library or the namespace is missing.
        _started.Task.GetAwaiter().GetResult();
    }

    public Task RunAsync(string script, CancellationToken cancellationToken) =>
        Enqueue(script, json: false, cancellationToken);

    public Task<string> ListJsonAsync(string command, CancellationToken cancellationToken) =>
        Enqueue(command, json: true, cancellationToken);

    public async Task<uint?> ReadGenerationAsync(CancellationToken cancellationToken) =>
        uint.Parse(await Enqueue(ReadGenerationCommand, json: false, cancellationToken), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _commands.CompleteAdding();
        _thread.Join();
        _commands.Dispose();
    }

    private Task<string> Enqueue(string text, bool json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = new Command(text, json, new TaskCompletionSource<string>(
            TaskCreationOptions.RunContinuationsAsynchronously));
        _commands.Add(command, cancellationToken);
        return command.Result.Task;
    }

    private void Run(string? networkNamespace)
    {
        nint context;
        try
        {
            if (networkNamespace is not null)
            {
                JoinNetworkNamespace(networkNamespace);
            }

            context = NativeMethods.nft_ctx_new(0);
            if (context == 0)
            {
                throw new NftablesException("libnftables could not create a context (nft_ctx_new returned NULL).");
            }

            if (NativeMethods.nft_ctx_buffer_output(context) != 0 || NativeMethods.nft_ctx_buffer_error(context) != 0)
            {
                NativeMethods.nft_ctx_free(context);
                throw new NftablesException("libnftables could not buffer its output (nft_ctx_buffer_output failed).");
            }
        }
        catch (Exception exception) when (exception is NftablesException or DllNotFoundException or IOException)
        {
            _started.SetException(exception);
            return;
        }

        _started.SetResult();
        try
        {
            var flags = NativeMethods.nft_ctx_output_get_flags(context);
            foreach (var command in _commands.GetConsumingEnumerable())
            {
                if (ReferenceEquals(command.Text, ReadGenerationCommand))
                {
                    ReadGeneration(command);
                    continue;
                }

                NativeMethods.nft_ctx_output_set_flags(context,
                    command.Json ? flags | NativeMethods.OutputJson : flags);
                var code = NativeMethods.nft_run_cmd_from_buffer(context, command.Text);

                // The buffers are reset by each call, so both are read before the next command.
                var output = Marshal.PtrToStringUTF8(NativeMethods.nft_ctx_get_output_buffer(context)) ?? "";
                var error = Marshal.PtrToStringUTF8(NativeMethods.nft_ctx_get_error_buffer(context)) ?? "";
                if (code == 0)
                {
                    command.Result.SetResult(output);
                }
                else
                {
                    command.Result.SetException(new NftablesException($"libnftables returned {code}: {error.Trim()}"));
                }
            }
        }
        finally
        {
            NativeMethods.nft_ctx_free(context);
        }
    }

    private static void ReadGeneration(Command command)
    {
        try
        {
            command.Result.SetResult(RulesetGeneration.Read().ToString(CultureInfo.InvariantCulture));
        }
        catch (NftablesException exception)
        {
            command.Result.SetException(exception);
        }
    }

    private static void JoinNetworkNamespace(string networkNamespace)
    {
        using var handle = File.OpenHandle(Path.Combine("/run/netns", networkNamespace));
        if (NativeMethods.setns((int)handle.DangerousGetHandle(), NativeMethods.CloneNewNet) != 0)
        {
            throw new NftablesException(
                $"Joining network namespace {networkNamespace} failed with errno {Marshal.GetLastPInvokeError()}; " +
                "the agent needs CAP_SYS_ADMIN.");
        }
    }

    private sealed record Command(string Text, bool Json, TaskCompletionSource<string> Result);
}
