namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// The CAMARA <c>x-correlator</c> header: validated against the specs' XCorrelator pattern
/// <c>^[a-zA-Z0-9-_:;.\/&lt;&gt;{}]{0,256}$</c> and echoed on every answer of a CAMARA path, errors included. Runs
/// before authentication so that 401 and 403 answers carry it too.
/// </summary>
internal static class Correlator
{
    public const string Header = "x-correlator";
    private const int MaxLength = 256;

    public static IApplicationBuilder UseCamaraCorrelator(this IApplicationBuilder app) => app.Use(static async (context, next) =>
    {
        if (!CamaraRoutes.IsCamaraPath(context.Request.Path) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        if (values.Count != 1 || !IsValid(values[0]))
        {
            await CamaraError.WriteAsync(context, StatusCodes.Status400BadRequest, CamaraError.InvalidArgument, "Invalid format: x-correlator");
            return;
        }

        var correlator = values[0]!;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = correlator;
            return Task.CompletedTask;
        });
        await next(context);
    });

    public static bool IsValid(string? value)
    {
        if (value is null || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or ':' or ';' or '.' or '/' or '<' or '>' or '{' or '}'))
            {
                return false;
            }
        }

        return true;
    }
}
