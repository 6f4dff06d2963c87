namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// The response envelope of the subscriber API: every answer, success or failure, has all four members.
/// </summary>
internal sealed record ApiEnvelope<T>(string? ErrorCode, string? ErrorMessage, IReadOnlyList<T> Content, Pageable Pageable);

/// <summary>Paging of <see cref="ApiEnvelope{T}.Content"/>; pages count from 0.</summary>
internal sealed record Pageable(int Page, int Size, long TotalPages, long TotalElements)
{
    public static Pageable Single { get; } = new(0, 1, 1, 1);

    public static Pageable Empty { get; } = new(0, 0, 0, 0);

    public static Pageable Of(int page, int size, long total) => new(page, size, size == 0 ? 0 : (total + size - 1) / size, total);
}

/// <summary>Builders for envelope results.</summary>
internal static class Envelope
{
    public static IResult Ok<T>(T item, int status = StatusCodes.Status200OK) =>
        Results.Json(new ApiEnvelope<T>(null, null, [item], Pageable.Single), DaemonJsonContext.Default.Options, statusCode: status);

    public static IResult Page<T>(IReadOnlyList<T> items, int page, int size, long total) =>
        Results.Json(new ApiEnvelope<T>(null, null, items, Pageable.Of(page, size, total)), DaemonJsonContext.Default.Options);

    /// <summary>A failure whose content lists the details (e.g. the rejected rows of an import).</summary>
    public static IResult Error<T>(int status, string code, string message, IReadOnlyList<T> details) =>
        Results.Json(new ApiEnvelope<T>(code, message, details, Pageable.Of(0, details.Count, details.Count)), DaemonJsonContext.Default.Options, statusCode: status);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ApiEnvelope<object>(code, message, [], Pageable.Empty), DaemonJsonContext.Default.Options, statusCode: status);
}
