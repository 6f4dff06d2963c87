namespace ImeiGuard.Daemon.Replay;

/// <summary>Which way a captured UDP datagram goes relative to the RADIUS accounting ports.</summary>
internal enum RadiusDirection : byte
{
    /// <summary>Neither port is an accounting port.</summary>
    None = 0,

    /// <summary>To an accounting port: an Accounting-Request, or something that claims to be one.</summary>
    Request,

    /// <summary>From an accounting port to another port: an Accounting-Response.</summary>
    Response,
}
