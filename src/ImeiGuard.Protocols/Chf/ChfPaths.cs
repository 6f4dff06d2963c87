namespace ImeiGuard.Protocols.Chf;

/// <summary>Classifies the HTTP request path of a mirrored Nchf_ConvergedCharging request.</summary>
public static class ChfPaths
{
    /// <summary>
    /// TS 32.291 §6.1.3 resources (v3 in Rel-16..18, v2 in Rel-15):
    /// <c>{apiRoot}/nchf-convergedcharging/v[23]/chargingdata</c> (Create),
    /// <c>.../chargingdata/{ChargingDataRef}/update</c> (Update) and <c>.../chargingdata/{ChargingDataRef}/release</c> (Release).
    /// </summary>
    /// <param name="path">The request target: a path, or an absolute URI; any apiRoot prefix is allowed, and a query is ignored.</param>
    /// <param name="kind">The operation, or <see cref="ChfRequestKind.Unknown"/> when the method returns false.</param>
    /// <param name="chargingDataRef">The {ChargingDataRef} segment as sent (not percent-decoded); empty for Create.</param>
    /// <returns>True when the path is one of the three charging data resources.</returns>
    public static bool TryClassify(ReadOnlySpan<byte> path, out ChfRequestKind kind, out ReadOnlySpan<byte> chargingDataRef)
    {
        kind = ChfRequestKind.Unknown;
        chargingDataRef = default;

        var query = path.IndexOfAny((byte)'?', (byte)'#');
        if (query >= 0)
        {
            path = path[..query];
        }

        // The apiRoot may itself contain slashes (scheme, host, deployment prefix), so find the API name.
        var api = path.IndexOf("/nchf-convergedcharging/v"u8);
        if (api < 0)
        {
            return false;
        }

        var rest = path[(api + "/nchf-convergedcharging/v"u8.Length)..];
        if (rest.IsEmpty || rest[0] is not ((byte)'2' or (byte)'3'))
        {
            return false;
        }

        rest = rest[1..];
        if (!rest.StartsWith("/chargingdata"u8))
        {
            return false;
        }

        rest = rest["/chargingdata"u8.Length..];
        if (rest.IsEmpty)
        {
            kind = ChfRequestKind.Create;
            return true;
        }

        // "/{ChargingDataRef}/update" or "/{ChargingDataRef}/release": the reference is one non-empty segment.
        if (rest[0] != (byte)'/')
        {
            return false;
        }

        rest = rest[1..];
        var slash = rest.IndexOf((byte)'/');
        if (slash <= 0)
        {
            return false;
        }

        var operation = rest[(slash + 1)..];
        if (operation.SequenceEqual("update"u8))
        {
            kind = ChfRequestKind.Update;
        }
        else if (operation.SequenceEqual("release"u8))
        {
            kind = ChfRequestKind.Release;
        }
        else
        {
            return false;
        }

        chargingDataRef = rest[..slash];
        return true;
    }
}
