using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace G5kFw.Firewall.Rules;

/// <summary>An IPv6 network: an address with its host bits cleared and a prefix length from 0 to 128.</summary>
public readonly record struct Ipv6Prefix
{
    private Ipv6Prefix(IPAddress network, int length)
    {
        Network = network;
        Length = length;
    }

    public IPAddress Network { get; }

    public int Length { get; }

    public UInt128 First => ToNumber(Network);

    // C# masks a UInt128 shift count to 7 bits, so a shift by 128 would shift by 0.
    public UInt128 Last => Length == 128 ? First : First | (UInt128.MaxValue >> Length);

    /// <summary>
    /// Parses <c>addr</c> or <c>addr/len</c>, where a bare address is a /128. Host bits must be zero, because a
    /// network such as <c>2001:db8::1/64</c> is more likely a typing error than a request for the whole /64.
    /// </summary>
    public static bool TryParse(string text, out Ipv6Prefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        var length = 128;
        if (slash >= 0 && !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture,
            out length))
        {
            return false;
        }

        if (length > 128 || !TryParseAddress(addressText, out var address))
        {
            return false;
        }

        var created = FromAddress(address, length);
        if (!created.Network.Equals(address))
        {
            return false;
        }

        prefix = created;
        return true;
    }

    /// <summary>Parses an IPv6 address and rejects IPv4 addresses and addresses with a zone index.</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (!IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetworkV6
            || parsed.ScopeId != 0
            || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Creates the prefix of the given length that contains the address, clearing its host bits.</summary>
    public static Ipv6Prefix FromAddress(IPAddress address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 128);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var mask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        return new Ipv6Prefix(ToAddress(ToNumber(address) & mask), length);
    }

    public bool Contains(Ipv6Prefix other) => other.Length >= Length && First <= other.First && other.Last <= Last;

    /// <summary>Writes the prefix in RFC 5952 form with its length, as nftables reads it.</summary>
    public override string ToString() => $"{Network}/{Length.ToString(CultureInfo.InvariantCulture)}";

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(UInt128 number)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
