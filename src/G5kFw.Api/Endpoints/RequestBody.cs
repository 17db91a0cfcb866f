namespace G5kFw.Api.Endpoints;

/// <summary>Reads a request body whole, up to a size limit, whatever its Content-Type header states.</summary>
public static class RequestBody
{
    /// <summary>Returns the body, or null when it has more than <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        // Not a conditional expression: null converts to Memory<byte> through its array conversion, which would
        // return an empty body in place of null.
        if (length > maxBytes)
        {
            return null;
        }

        return buffer.AsMemory(0, length);
    }
}
