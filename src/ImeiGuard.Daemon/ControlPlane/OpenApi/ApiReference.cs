using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ImeiGuard.Daemon.ControlPlane.OpenApi;

/// <summary>
/// The API reference: the hand-written OpenAPI document embedded in the assembly (so the document and the
/// code ship together), served as is at <c>/openapi/imeiguard.yaml</c>, and a self-contained HTML page at
/// <c>/docs</c> listing its operations (no scripts, no external assets: it works on an air-gapped host).
/// </summary>
internal static partial class ApiReference
{
    public const string DocumentPath = "/openapi/imeiguard.yaml";

    private static readonly Lazy<string> Yaml = new(static () =>
    {
        using var stream = typeof(ApiReference).Assembly.GetManifestResourceStream("imeiguard.yaml")
            ?? throw new InvalidOperationException("The embedded OpenAPI document is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<string> Html = new(static () => BuildPage(Yaml.Value));

    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapGet(DocumentPath, static () => Results.Text(Yaml.Value, "application/yaml; charset=utf-8"));
        app.MapGet("/docs", static () => Results.Text(Html.Value, "text/html; charset=utf-8"));
    }

    /// <summary>One operation of the document: method, path, summary and the scopes it needs.</summary>
    internal sealed record Operation(string Method, string Path, string Summary, string Scopes);

    /// <summary>
    /// Reads the operations from the document's paths section. The document is ours and keeps one layout
    /// (paths indented 2 spaces, methods 4, summary and security 6, security in flow style), so a line scan
    /// suffices and the daemon needs no YAML parser.
    /// </summary>
    internal static List<Operation> ReadOperations(string yaml)
    {
        var operations = new List<Operation>();
        string? path = null;
        var inPaths = false;
        foreach (var line in yaml.Split('\n'))
        {
            if (!inPaths)
            {
                inPaths = line.TrimEnd() == "paths:";
                continue;
            }

            if (PathLine().Match(line) is { Success: true } p)
            {
                path = p.Groups[1].Value;
            }
            else if (MethodLine().Match(line) is { Success: true } m && path is not null)
            {
                operations.Add(new Operation(m.Groups[1].Value.ToUpperInvariant(), path, "", ""));
            }
            else if (SummaryLine().Match(line) is { Success: true } s && operations.Count > 0)
            {
                operations[^1] = operations[^1] with { Summary = s.Groups[1].Value };
            }
            else if (SecurityLine().Match(line) is { Success: true } security && operations.Count > 0)
            {
                var scopes = string.Join(" ", Quoted().Matches(security.Groups[1].Value).Select(static q => q.Groups[1].Value));
                operations[^1] = operations[^1] with { Scopes = scopes.Length == 0 ? "none" : scopes };
            }
        }

        return operations;
    }

    private static string BuildPage(string yaml)
    {
        var title = TitleLine().Match(yaml).Groups[1].Value;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{font-size:.95em}")
            .Append(".m{font-weight:bold;font-family:monospace}.GET{color:#0a6}.POST{color:#06c}.PUT{color:#a60}.DELETE{color:#c00}</style></head><body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n")
            .Append("<p>The machine-readable document: <a href=\"").Append(DocumentPath).Append("\">").Append(DocumentPath).Append("</a>. ")
            .Append("Send <code>Authorization: Bearer &lt;API key or JWT&gt;</code> with the scope listed.</p>\n")
            .Append("<table><tr><th>method</th><th>path</th><th>scope</th><th>what</th></tr>\n");
        foreach (var o in ReadOperations(yaml))
        {
            html.Append("<tr><td class=\"m ").Append(o.Method).Append("\">").Append(o.Method).Append("</td><td><code>")
                .Append(WebUtility.HtmlEncode(o.Path)).Append("</code></td><td><code>").Append(WebUtility.HtmlEncode(o.Scopes))
                .Append("</code></td><td>").Append(WebUtility.HtmlEncode(o.Summary)).Append("</td></tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    [GeneratedRegex(@"^  (/\S*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|put|post|delete|patch):\s*$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^      summary: (.+)$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^      security: (.*)$")]
    private static partial Regex SecurityLine();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?m)^  title: (.+)$")]
    private static partial Regex TitleLine();
}
