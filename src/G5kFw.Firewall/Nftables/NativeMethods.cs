using System.Runtime.InteropServices;

namespace G5kFw.Firewall.Nftables;

/// <summary>Entry points of libnftables 1.0.6 (libnftables.so.1) and of the C library (setns and sockets).</summary>
internal static partial class NativeMethods
{
    private const string Library = "libnftables.so.1";

    /// <summary>Output flag NFT_CTX_OUTPUT_JSON from nftables/libnftables.h.</summary>
    public const uint OutputJson = 1 << 4;

    /// <summary>CLONE_NEWNET from linux/sched.h.</summary>
    public const int CloneNewNet = 0x40000000;

    [LibraryImport(Library)]
    public static partial nint nft_ctx_new(uint flags);

    [LibraryImport(Library)]
    public static partial void nft_ctx_free(nint context);

    [LibraryImport(Library)]
    public static partial int nft_ctx_buffer_output(nint context);

    [LibraryImport(Library)]
    public static partial int nft_ctx_buffer_error(nint context);

    [LibraryImport(Library)]
    public static partial nint nft_ctx_get_output_buffer(nint context);

    [LibraryImport(Library)]
    public static partial nint nft_ctx_get_error_buffer(nint context);

    [LibraryImport(Library)]
    public static partial uint nft_ctx_output_get_flags(nint context);

    [LibraryImport(Library)]
    public static partial void nft_ctx_output_set_flags(nint context, uint flags);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int nft_run_cmd_from_buffer(nint context, string buffer);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int socket, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint recv(int socket, byte[] buffer, nint length, int flags);

    [LibraryImport("libc")]
    public static partial int close(int fd);
}
