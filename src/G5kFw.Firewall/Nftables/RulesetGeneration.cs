using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace G5kFw.Firewall.Nftables;

/// <summary>
/// Reads the nftables ruleset generation id of the calling thread's network namespace over netlink
/// (NFT_MSG_GETGEN). The kernel increments it by one with every transaction committed by any process.
/// </summary>
internal static class RulesetGeneration
{
    private const int NetlinkFamily = 16;
    private const int RawSocket = 3;
    private const int CloseOnExec = 0x80000;
    private const int NetlinkNetfilter = 12;
    private const ushort GetGenerationType = (10 << 8) | 16;
    private const ushort NetlinkError = 2;
    private const ushort RequestFlag = 1;
    private const ushort GenerationIdAttribute = 1;
    private const int HeaderLength = 16 + 4;

    public static uint Read()
    {
        var socket = NativeMethods.socket(NetlinkFamily, RawSocket | CloseOnExec, NetlinkNetfilter);
        if (socket < 0)
        {
            throw new NftablesException(
                $"Opening a netfilter netlink socket failed with errno {Marshal.GetLastPInvokeError()}; " +
                "the agent needs CAP_NET_ADMIN.");
        }

        try
        {
            var request = new byte[HeaderLength];
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(0), HeaderLength);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), GetGenerationType);
            BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), RequestFlag);
            if (NativeMethods.send(socket, request, request.Length, 0) != request.Length)
            {
                throw new NftablesException(
                    $"Sending NFT_MSG_GETGEN failed with errno {Marshal.GetLastPInvokeError()}.");
            }

            var reply = new byte[4096];
            var length = (int)NativeMethods.recv(socket, reply, reply.Length, 0);
            if (length < HeaderLength)
            {
                throw new NftablesException(
                    $"Receiving the reply to NFT_MSG_GETGEN failed with errno {Marshal.GetLastPInvokeError()}.");
            }

            return ParseReply(reply.AsSpan(0, length));
        }
        finally
        {
            _ = NativeMethods.close(socket);
        }
    }

    private static uint ParseReply(ReadOnlySpan<byte> reply)
    {
        if (BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]) == NetlinkError)
        {
            throw new NftablesException(
                $"NFT_MSG_GETGEN returned error {-BinaryPrimitives.ReadInt32LittleEndian(reply[16..])}.");
        }

        var messageLength = Math.Min(reply.Length, (int)BinaryPrimitives.ReadUInt32LittleEndian(reply));
        var offset = HeaderLength;
        while (offset + 4 <= messageLength)
        {
            var attributeLength = BinaryPrimitives.ReadUInt16LittleEndian(reply[offset..]);
            var attributeType = BinaryPrimitives.ReadUInt16LittleEndian(reply[(offset + 2)..]) & 0x3fff;
            if (attributeLength < 4)
            {
                break;
            }

            if (attributeType == GenerationIdAttribute && attributeLength >= 8)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(reply[(offset + 4)..]);
            }

            offset += (attributeLength + 3) & ~3;
        }

        throw new NftablesException("The reply to NFT_MSG_GETGEN has no NFTA_GEN_ID attribute.");
    }
}
