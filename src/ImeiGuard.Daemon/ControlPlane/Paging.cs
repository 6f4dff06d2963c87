using ImeiGuard.Core.Operations;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>The <c>page</c> and <c>size</c> query parameters of every paged listing: pages from 0, size 1..500, default 20.</summary>
internal static class Paging
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 20;

    /// <summary>The 400 answer for bad paging parameters; null when they are valid.</summary>
    public static IResult? Invalid(int? page, int? size, out int p, out int s)
    {
        p = page ?? 0;
        s = size ?? DefaultPageSize;
        return p < 0 || s < 1 || s > MaxPageSize
            ? Envelope.Error(StatusCodes.Status400BadRequest, LockApiErrors.InvalidPaging, $"page must be >= 0 and size 1..{MaxPageSize}")
            : null;
    }
}
