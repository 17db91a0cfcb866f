using System.Globalization;

namespace G5kFw.Service.Bench;

/// <summary>Peak resident memory (VmHWM) of the lab's processes, from their PID files and /proc.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// Returns the peak resident memory in megabytes (10^6 bytes) of the process in <c>lab/NAME.pid</c>, or null
    /// when it is gone.
    /// </summary>
    public static double? ReadMegabytes(LabSettings lab, string name)
    {
        var pidFile = Path.Combine(lab.RunFolder, "lab", name + ".pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var status = $"/proc/{File.ReadAllText(pidFile).Trim()}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kibibytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kibibytes is null ? null : double.Parse(kibibytes, CultureInfo.InvariantCulture) * 1024 / 1_000_000;
    }
}
