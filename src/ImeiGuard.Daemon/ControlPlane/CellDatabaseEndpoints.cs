using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Operations;
using ImeiGuard.Daemon.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// The cell database over the control plane: <c>PUT /api/v2/cells</c> replaces it with an OpenCelliD-layout CSV,
/// <c>GET /api/v2/cells</c> tells what is loaded. The upload is written beside the store and parsed before anything
/// changes, so a bad file leaves the current cells in force; a good one takes effect on the next packet and survives
/// restarts.
/// </summary>
internal static class CellDatabaseEndpoints
{
    /// <summary>A national extract of OpenCelliD is tens of megabytes; the control plane's default limit is 1 MiB.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public static void MapCellDatabase(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v2/cells", ImportAsync).RequireAuthorization(Scopes.CellsWrite);
        app.MapGet("/api/v2/cells", Describe).RequireAuthorization(Scopes.SimLockRead);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, CellDatabaseSource source, BindingEnforcer enforcer)
    {
        if (source.ConfiguredPath is not null)
        {
            return Envelope.Error(409, LockApiErrors.CellsManagedByFile,
                "The cell database is the file named by ImeiGuard:Policy:CellDatabasePath; change that file and restart, or remove the setting to import here");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }

        // A name of its own per upload, so that two admins importing at once cannot interleave one file.
        var upload = $"{source.ImportedPath}.{Guid.NewGuid():N}.upload";
        CellDatabase cells;
        int skipped;
        try
        {
            await using (var file = File.Create(upload))
            {
                await http.Request.Body.CopyToAsync(file, http.RequestAborted);
            }

            using var reader = File.OpenText(upload);
            cells = CellDatabase.Load(reader, out skipped);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            File.Delete(upload);
            return Envelope.Error(413, LockApiErrors.InvalidCells, $"The cell database may be at most {MaxUploadBytes / (1024 * 1024)} MiB");
        }
        catch (IOException)
        {
            File.Delete(upload);
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        if (cells.Count == 0)
        {
            File.Delete(upload);
            return Envelope.Error(400, LockApiErrors.InvalidCells,
                $"No usable cell in the upload ({skipped} lines skipped); expected CSV lines radio,mcc,net,area,cell,unit,lon,lat,range,...");
        }

        // Rename over the previous import: a crash leaves either the old file or the new one, never half of one.
        File.Move(upload, source.ImportedPath, overwrite: true);
        enforcer.ReplaceCells(cells);
        return Envelope.Ok(new CellDatabaseView(cells.Count, skipped, "import"));
    }

    private static IResult Describe(CellDatabaseSource source, BindingEnforcer enforcer) =>
        Envelope.Ok(new CellDatabaseView(
            enforcer.Cells?.Count ?? 0, 0, enforcer.Cells is null ? "none" : source.ConfiguredPath is null ? "import" : "file"));
}

/// <summary>What the cell database holds: cells loaded, lines skipped by the last import, and its source (none, file or import).</summary>
internal sealed record CellDatabaseView(int Cells, int Skipped, string Source);
