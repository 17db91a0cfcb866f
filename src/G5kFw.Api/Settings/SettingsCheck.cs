using G5kFw.Infrastructure.Settings;

namespace G5kFw.Api.Settings;

/// <summary>Rejects settings that would make every request fail, naming the setting and the expected value.</summary>
public static class SettingsCheck
{
    public static LimitSettings Limits(LimitSettings limits)
    {
        // The API allocates a buffer of the whole size limit for each POST, so the limit stays at 16 MiB or below.
        RequirePositive("MaxBodyBytes", limits.MaxBodyBytes, 16 * 1024 * 1024);
        RequirePositive("MaxOpeningsPerRequest", limits.MaxOpeningsPerRequest);
        RequirePositive("MaxAddressesPerRequest", limits.MaxAddressesPerRequest);
        RequirePositive("MaxPortsPerRequest", limits.MaxPortsPerRequest);
        RequirePositive("MaxOpeningsPerJob", limits.MaxOpeningsPerJob);
        RequirePositive("MaxAddressesPerJob", limits.MaxAddressesPerJob);
        RequirePositive("MaxPortsPerJob", limits.MaxPortsPerJob);
        return limits;
    }

    public static ApiSettings Api(ApiSettings settings)
    {
        if (settings.ReplyTimeoutSeconds is <= 0 or > 300)
        {
            throw new SettingsException(
                $"Setting 'Api:ReplyTimeoutSeconds' is {settings.ReplyTimeoutSeconds}; expected seconds above 0 " +
                "and at most 300.");
        }

        return settings;
    }

    private static void RequirePositive(string name, int value, int max = int.MaxValue)
    {
        if (value <= 0 || value > max)
        {
            throw new SettingsException(
                $"Setting '{LimitSettings.Section}:{name}' is {value}; expected a positive integer up to {max}.");
        }
    }
}
