using System.Runtime.InteropServices;

namespace G5kFw.Testing.Network;

/// <summary>
/// Runs a function on a new thread that joined a network namespace. A socket belongs to the namespace of the
/// thread that created it, so sockets made here can then be used from any thread.
/// </summary>
public static partial class NamespaceThread
{
    private const int CloneNewNet = 0x40000000;

    public static T Run<T>(string networkNamespace, Func<T> function)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", networkNamespace));
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException(
                        $"Joining network namespace {networkNamespace} failed with errno " +
                            $"{Marshal.GetLastPInvokeError()}.");
                }

                result = function();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"Running in network namespace {networkNamespace} failed.", failure);
        }

        return result;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);
}
