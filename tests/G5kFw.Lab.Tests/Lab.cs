using System.Diagnostics;
using G5kFw.Testing;

namespace G5kFw.Lab.Tests;

/// <summary>
/// The running lab, driven through the same commands as a user: <c>scripts/lab env</c>, <c>status</c> and
/// <c>exec</c>, and <c>scripts/lab.d/agent</c> to stop and start one firewall's agent.
/// </summary>
public sealed class Lab
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string> _environment;

    private Lab(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
    }

    public static string Script { get; } = Path.Combine(RepositoryLayout.Root, "scripts", "lab");

    public Uri ApiUrl => new(Require("G5KFW_URL"));

    public string Site => Require("G5KFW_SITE");

    public IReadOnlyList<string> Firewalls =>
        Require("LAB_FIREWALLS").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> Nodes => Require("LAB_NODES").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> NodeIpv6Names =>
        Require("LAB_NODE_IPV6_NAMES").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Reads <c>scripts/lab env</c> and checks that the API, the Worker and every agent run. Otherwise it throws an
    /// error that names the fix, <c>scripts/lab up</c>, because the story needs a lab that is up.
    /// </summary>
    public static async Task<Lab> ConnectAsync()
    {
        var env = await Command.RunAsync(Script, ["env"], CommandTimeout);
        var lab = new Lab(ParseExports(env.Check()));

        var status = await Command.RunAsync(Script, ["status"], CommandTimeout);
        var stopped = status.Output.Split('\n')
            .Where(line => line.StartsWith("G5kFw.", StringComparison.Ordinal)
                || line.StartsWith("agent ", StringComparison.Ordinal))
            .Where(line => !line.Contains(": running", StringComparison.Ordinal))
            .ToList();
        if (stopped.Count > 0 || !status.Succeeded)
        {
            throw new InvalidOperationException(
                $"The lab is not up: '{status.CommandLine}' printed:\n{status.Output.Trim()}\n"
                + "Run scripts/lab up as root, then rerun this test.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await http.GetAsync(new Uri(lab.ApiUrl, "/health/ready"));
        if (!ready.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The lab's API at {lab.ApiUrl} returned {(int)ready.StatusCode} for /health/ready. "
                + "Run scripts/lab up as root, then rerun this test.");
        }

        return lab;
    }

    /// <summary>Runs a command in a lab host's namespace: <c>scripts/lab exec HOST -- COMMAND...</c>.</summary>
    public static Task<CommandResult> ExecAsync(string host, params string[] command) =>
        Command.RunAsync(Script, ["exec", host, "--", .. command], CommandTimeout);

    /// <summary>Starts a TCP listener on a node's port that accepts connections until it is killed.</summary>
    public static Process Listen(string node, int port) =>
        Command.StartBackground(Script, ["exec", node, "--", "nc", "-6", "-l", "-k", Text(port)]);

    /// <summary>Returns true when the outside host completes a TCP handshake with the host's port within 2 s.</summary>
    public static async Task<bool> ConnectsFromOutsideAsync(string host, int port)
    {
        var result = await ExecAsync("outside", "nc", "-6", "-z", "-w", "2", host, Text(port));
        return result.Succeeded;
    }

    public static async Task<bool> PingsFromOutsideAsync(string host)
    {
        var result = await ExecAsync("outside", "ping", "-6", "-c", "1", "-W", "2", host);
        return result.Succeeded;
    }

    public static async Task StopAgentAsync(string firewall) =>
        (await Command.RunAsync(AgentScript, ["stop", firewall], CommandTimeout)).Check();

    public static async Task StartAgentAsync(string firewall) =>
        (await Command.RunAsync(AgentScript, ["start", firewall], TimeSpan.FromSeconds(120))).Check();

    private static string AgentScript => Path.Combine(RepositoryLayout.Root, "scripts", "lab.d", "agent");

    private string Require(string name) =>
        _environment.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException(
                $"scripts/lab env printed no {name}; expected an export line for it.");

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses lines such as <c>export NAME='value'</c> or <c>export NAME=value</c>.</summary>
    private static Dictionary<string, string> ParseExports(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith("export ", StringComparison.Ordinal) || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var assignment = line["export ".Length..];
            var separator = assignment.IndexOf('=', StringComparison.Ordinal);
            values[assignment[..separator]] = assignment[(separator + 1)..].Trim('\'');
        }

        return values;
    }
}
