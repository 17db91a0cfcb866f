namespace G5kFw.Service.Bench;

/// <summary>
/// Where the lab runs, from the variables that <c>scripts/services/env</c> and <c>scripts/lab env</c> export.
/// </summary>
internal sealed record LabSettings(
    Uri ApiUrl,
    string Site,
    string Postgres,
    string RabbitHost,
    int RabbitPort,
    string RabbitUser,
    string RabbitPassword,
    IReadOnlyList<string> Firewalls,
    int NodeCount,
    string NamespacePrefix,
    string RunFolder)
{
    /// <summary>The protected prefix of the lab's nodes, in which the synthetic hosts sit.</summary>
    public const string NodePrefix = "2001:db8:1::/64";

    public const string User = "alice";

    public string FirewallNamespace(string firewall) => $"{NamespacePrefix}-{firewall}";

    public static LabSettings FromEnvironment() => new(
        new Uri(Require("G5KFW_URL")),
        Require("G5KFW_SITE"),
        Require("ConnectionStrings__Postgres"),
        Require("RabbitMq__Host"),
        int.Parse(Require("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
        Require("RabbitMq__Username"),
        Require("RabbitMq__Password"),
        Require("LAB_FIREWALLS").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        Require("LAB_NODES").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
        Require("LAB_NS_PREFIX"),
        Require("G5KFW_RUN"));

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {name} is missing; run the benchmark through scripts/bench, which sets it.");
}
