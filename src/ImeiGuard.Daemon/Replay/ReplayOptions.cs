using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ImeiGuard.Protocols.Radius;

namespace ImeiGuard.Daemon.Replay;

/// <summary>The command line of <c>imeiguard replay</c>, parsed.</summary>
internal sealed class ReplayOptions
{
    /// <summary>The accounting ports used when <c>--ports</c> is not given: RFC 2866's 1813 and the older 1646.</summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [1813, 1646];

    public const string Usage = """
        Usage: imeiguard replay FILE [options]

        Reads a pcap or pcapng capture (FILE, or - for standard input) and feeds every RADIUS
        Accounting-Request in it through the daemon's parsers.

          --json                    one JSON object per RADIUS packet (field names of the test corpus)
                                    instead of the backtest summary
          --ports LIST              RADIUS accounting ports, comma-separated (default 1813,1646)
          --secret KEY=SECRET       shared secret for authenticator checks; KEY is a source address or
                                    CIDR (also matched against NAS-IP-Address), a NAS-Identifier, or *
                                    for every packet. Repeatable.
          --secrets-file FILE       secrets as JSON: {"name": {"secret", "udp_source_ip",
                                    "nas_ip_address", "nas_identifier"}, ...}
          --ncgi-layout LAYOUT      spare-last (default, as Wireshark) or spare-first
          --include-responses       with --json: also print Accounting-Responses (code 5)
          --data-dir DIR            the daemon's data directory (default: ImeiGuard:DataDirectory, "data")
          --apply                   write transitions and block commands to the store; without it the
                                    backtest is a dry run on an in-memory copy of the bindings

        Packets with no matching secret are used without authenticator checks.
        Exit codes: 0 done, 1 the capture or the store could not be read, 2 bad arguments.
        """;

    public required string File { get; init; }

    public bool Json { get; init; }

    public IReadOnlyList<int> Ports { get; init; } = DefaultPorts;

    /// <summary>The <c>--secret KEY=SECRET</c> values, in order.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public string? SecretsFile { get; init; }

    public NcgiLayout NcgiLayout { get; init; } = NcgiLayout.SpareLast;

    public bool IncludeResponses { get; init; }

    /// <summary>Null: take it from the configuration, as the daemon does.</summary>
    public string? DataDirectory { get; init; }

    public bool Apply { get; init; }

    /// <summary>Parses the arguments after <c>replay</c>. Accepts <c>--name value</c> and <c>--name=value</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out ReplayOptions? options, out string error)
    {
        options = null;
        error = "";
        string? file = null;
        bool json = false, includeResponses = false, apply = false;
        IReadOnlyList<int> ports = DefaultPorts;
        var secrets = new List<string>();
        string? secretsFile = null, dataDirectory = null;
        var layout = NcgiLayout.SpareLast;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-" || !arg.StartsWith('-'))
            {
                if (file is not null)
                {
                    error = $"more than one capture file: '{file}' and '{arg}'";
                    return false;
                }

                file = arg;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            string? inline = equals < 0 ? null : arg[(equals + 1)..];
            switch (name)
            {
                case "--json":
                    json = true;
                    break;
                case "--include-responses":
                    includeResponses = true;
                    break;
                case "--apply":
                    apply = true;
                    break;
                case "--ports" when TakeValue(args, ref i, inline, name, out var value, out error):
                    if (!TryParsePorts(value, out ports))
                    {
                        error = $"--ports: '{value}' is not a comma-separated list of ports 1..65535";
                        return false;
                    }

                    break;
                case "--secret" when TakeValue(args, ref i, inline, name, out var value, out error):
                    if (value.IndexOf('=', StringComparison.Ordinal) <= 0)
                    {
                        error = "--secret: expected KEY=SECRET";
                        return false;
                    }

                    secrets.Add(value);
                    break;
                case "--secrets-file" when TakeValue(args, ref i, inline, name, out var value, out error):
                    secretsFile = value;
                    break;
                case "--data-dir" when TakeValue(args, ref i, inline, name, out var value, out error):
                    dataDirectory = value;
                    break;
                case "--ncgi-layout" when TakeValue(args, ref i, inline, name, out var value, out error):
                    switch (value)
                    {
                        case "spare-last":
                            layout = NcgiLayout.SpareLast;
                            break;
                        case "spare-first":
                            layout = NcgiLayout.SpareFirst;
                            break;
                        default:
                            error = $"--ncgi-layout: '{value}' is neither spare-last nor spare-first";
                            return false;
                    }

                    break;
                case "--ports" or "--secret" or "--secrets-file" or "--data-dir" or "--ncgi-layout":
                    return false;
                default:
                    error = $"unknown option '{arg}'";
                    return false;
            }
        }

        if (file is null)
        {
            error = "no capture file given";
            return false;
        }

        if (json && (apply || dataDirectory is not null))
        {
            error = "--apply and --data-dir belong to the backtest; --json only decodes";
            return false;
        }

        if (includeResponses && !json)
        {
            error = "--include-responses needs --json";
            return false;
        }

        options = new ReplayOptions
        {
            File = file,
            Json = json,
            Ports = ports,
            Secrets = secrets,
            SecretsFile = secretsFile,
            NcgiLayout = layout,
            IncludeResponses = includeResponses,
            DataDirectory = dataDirectory,
            Apply = apply,
        };
        return true;
    }

    private static bool TakeValue(IReadOnlyList<string> args, ref int i, string? inline, string name, out string value, out string error)
    {
        error = "";
        if (inline is not null)
        {
            value = inline;
            return true;
        }

        if (i + 1 < args.Count)
        {
            value = args[++i];
            return true;
        }

        value = "";
        error = $"{name} needs a value";
        return false;
    }

    private static bool TryParsePorts(string text, out IReadOnlyList<int> ports)
    {
        var list = new List<int>();
        ports = list;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                return false;
            }

            list.Add(port);
        }

        return list.Count > 0;
    }
}
