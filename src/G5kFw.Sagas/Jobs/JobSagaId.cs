using System.Security.Cryptography;
using System.Text;

namespace G5kFw.Sagas.Jobs;

/// <summary>
/// The correlation id of a job's saga: a name-based UUID (RFC 9562 version 5) of the site and the job id, so that
/// every message about one job reaches the same saga instance, on every Worker.
/// </summary>
public static class JobSagaId
{
    private static readonly Guid Namespace = new("4b0c5a57-2f0e-4c3e-9a43-2f6a1c0f5e11");

    public static Guid For(string site, long jobId)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        Namespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var name = Encoding.UTF8.GetBytes($"{site.ToLowerInvariant()}/{jobId}");

        var input = new byte[16 + name.Length];
        namespaceBytes.CopyTo(input);
        name.CopyTo(input, 16);

#pragma warning disable CA5350 // Version 5 UUIDs are defined over SHA-1, and no security depends on them.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
