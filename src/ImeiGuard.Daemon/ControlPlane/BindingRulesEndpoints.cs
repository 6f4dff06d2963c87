using System.Globalization;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// <c>PUT /api/v2/subscriber/{type}/{value}/device-sim-lock/rules</c>: a SIM's explicit device rules
/// (IMEIs, TACs, IMEI prefixes) and policy override. Synchronous: the rules are stored before the
/// answer, which is the binding view, and apply from the next observation. See docs/binding-model.md.
/// </summary>
internal static partial class BindingRulesEndpoints
{
    /// <summary>Most entries per list; pools larger than this belong in a TAC or prefix rule.</summary>
    internal const int MaxEntries = 10_000;

    public static void MapBindingRules(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/v2/subscriber/{type}/{value}/device-sim-lock/rules", PutRulesAsync).RequireAuthorization(Scopes.SimLockWrite);
        app.MapBindingHistory();
    }

    private static async Task<IResult> PutRulesAsync(
        string type, string value, HttpContext http, ISubscriberDirectory directory, BindingEnforcer enforcer, ControlPlaneAudit audit, ILoggerFactory loggers)
    {
        if (DeviceSimLockEndpoints.InvalidSubscriber(type, value, out var identifierType) is { } invalid)
        {
            return invalid;
        }

        var (body, error) = await RequestBodies.ReadAsync(http, DaemonJsonContext.Default.RulesBody, "{\"devices\":[\"353490069873301\"],\"tacs\":[\"35349006\"],\"imeiPrefixes\":[\"3534900\"]}");
        if (error is not null)
        {
            return error;
        }

        if (!TryBuild(body, out var rules, out var problem))
        {
            return Envelope.Error(400, LockApiErrors.InvalidRules, problem);
        }

        if (!directory.TryResolveVisible(Caller.From(http.User), identifierType, value, out var imsi))
        {
            return VisibleSubscribers.NotFound();
        }

        BindingView after;
        try
        {
            var before = DeviceSimLockEndpoints.ToView(imsi, directory, enforcer);
            enforcer.SetRules(imsi, rules);
            after = DeviceSimLockEndpoints.ToView(imsi, directory, enforcer);
            audit.Record(http, "rules.put", directory.TenantOf(imsi), "imsi:" + imsi, before, after);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Envelope.Error(503, LockApiErrors.ServiceUnavailable, LockApiErrors.ServiceUnavailableMessage);
        }

        Log.RulesChanged(loggers.CreateLogger(typeof(BindingRulesEndpoints).FullName!), http.User.Identity?.Name ?? "-", rules?.Devices.Count() ?? 0, rules?.Tacs.Count ?? 0, rules?.Prefixes.Count ?? 0, rules?.Policy is not null);
        return Envelope.Ok(after);
    }

    /// <summary>Validates the body. Empty lists and no policy mean "no rules" (null).</summary>
    internal static bool TryBuild(RulesBody? body, out DeviceRules? rules, out string problem)
    {
        rules = null;
        problem = string.Empty;
        var devices = new List<Imei>();
        foreach (var text in body?.Devices ?? [])
        {
            if (!Imei.TryParse(text, out var imei))
            {
                problem = $"'{text}' is not an IMEI (14, 15 or 16 digits)";
                return false;
            }

            devices.Add(imei);
        }

        var tacs = new List<uint>();
        foreach (var text in body?.Tacs ?? [])
        {
            if (text is not { Length: 8 } || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tac))
            {
                problem = $"'{text}' is not a TAC (8 digits)";
                return false;
            }

            tacs.Add(tac);
        }

        var prefixes = new List<ImeiPrefix>();
        foreach (var text in body?.ImeiPrefixes ?? [])
        {
            if (text is not { Length: >= 1 and <= Imei.IdentityDigits } || !ImeiPrefix.TryParse(text, out var prefix))
            {
                problem = $"'{text}' is not an IMEI prefix (1 to 14 digits)";
                return false;
            }

            prefixes.Add(prefix);
        }

        if (devices.Count > MaxEntries || tacs.Count > MaxEntries || prefixes.Count > MaxEntries)
        {
            problem = $"At most {MaxEntries} entries per list";
            return false;
        }

        if (!TryBuildPolicy(body?.Policy, out var policy, out problem) || !TryBuildRegions(body?.Regions, out var regions, out problem))
        {
            return false;
        }

        var anyDevice = body?.AnyDevice == true;
        if (anyDevice && (devices.Count > 0 || tacs.Count > 0 || prefixes.Count > 0))
        {
            problem = "anyDevice allows every device: leave devices, tacs and imeiPrefixes empty";
            return false;
        }

        if (devices.Count > 0 || tacs.Count > 0 || prefixes.Count > 0 || policy is not null || regions is not null || anyDevice)
        {
            rules = new DeviceRules(devices, tacs, prefixes, policy, regions, anyDevice);
        }

        return true;
    }

    private static bool TryBuildRegions(RegionsBody? body, out RegionRules? regions, out string problem)
    {
        regions = null;
        problem = string.Empty;
        var plmns = new List<PlmnId>();
        foreach (var text in body?.Plmns ?? [])
        {
            if (!PlmnId.TryParse(text, out var plmn))
            {
                problem = $"'{text}' is not a PLMN (MCC-MNC, e.g. 262-01)";
                return false;
            }

            plmns.Add(plmn);
        }

        var areas = new List<(uint From, uint To)>();
        foreach (var text in body?.Areas ?? [])
        {
            if (!RegionRules.TryParseArea(text, out var area))
            {
                problem = $"'{text}' is not an area code or range (TAC/LAC, e.g. 41904 or 41900-41999)";
                return false;
            }

            areas.Add(area);
        }

        var circles = new List<GeoCircle>();
        foreach (var circle in body?.Circles ?? [])
        {
            if (circle.Center is not { Latitude: >= -90 and <= 90, Longitude: >= -180 and <= 180 } c
                || circle.Radius is < GeoCircle.MinRadiusM or > GeoCircle.MaxRadiusM)
            {
                problem = "A circle is {\"center\":{\"latitude\":-90..90,\"longitude\":-180..180},\"radius\":1..200000}";
                return false;
            }

            circles.Add(new GeoCircle(new GeoPoint(c.Latitude, c.Longitude), circle.Radius));
        }

        if (plmns.Count > MaxEntries || areas.Count > MaxEntries || circles.Count > MaxEntries)
        {
            problem = $"At most {MaxEntries} entries per list";
            return false;
        }

        regions = plmns.Count > 0 || areas.Count > 0 || circles.Count > 0 ? new RegionRules(plmns, areas, circles) : null;
        return true;
    }

    private static bool TryBuildPolicy(PolicyBody? body, out PolicyOverride? policy, out string problem)
    {
        policy = null;
        problem = string.Empty;
        if (body is null || (body.OnMismatch is null && body.OnMissingImei is null && body.AutoResume is null
            && body.MinEpisodeIntervalSeconds is null && body.OnUnknownLocation is null))
        {
            return true;
        }

        MismatchAction? onMismatch = body.OnMismatch?.ToUpperInvariant() switch
        {
            null => null,
            "BLOCK" => MismatchAction.Block,
            "ALERT" => MismatchAction.Alert,
            "DRYRUN" or "DRY_RUN" => MismatchAction.DryRun,
            _ => (MismatchAction)byte.MaxValue,
        };
        var onMissing = ParseAllowAlertBlock(body.OnMissingImei, out var badMissing);
        var onUnknown = ParseAllowAlertBlock(body.OnUnknownLocation, out var badUnknown);
        if (onMismatch == (MismatchAction)byte.MaxValue || badMissing || badUnknown)
        {
            problem = "policy.onMismatch is block, alert or dryrun; policy.onMissingImei and onUnknownLocation are allow, alert or block";
            return false;
        }

        if (body.MinEpisodeIntervalSeconds is < 0 or > 86_400)
        {
            problem = "policy.minEpisodeIntervalSeconds is 0..86400";
            return false;
        }

        policy = new PolicyOverride
        {
            OnMismatch = onMismatch,
            OnMissingImei = (MissingImeiAction?)onMissing,
            OnUnknownLocation = (UnknownLocationAction?)onUnknown,
            AutoResume = body.AutoResume,
            MinEpisodeIntervalMs = body.MinEpisodeIntervalSeconds * 1000L,
        };
        return true;
    }

    // MissingImeiAction and UnknownLocationAction share the values Allow = 0, Alert = 1, Block = 2.
    private static byte? ParseAllowAlertBlock(string? text, out bool bad)
    {
        byte? value = text?.ToUpperInvariant() switch
        {
            null => null,
            "ALLOW" => 0,
            "ALERT" => 1,
            "BLOCK" => 2,
            _ => byte.MaxValue,
        };
        bad = value == byte.MaxValue;
        return value;
    }

    internal static RulesView? ToView(DeviceRules? rules) => rules is null ? null : new RulesView(
        [.. rules.Devices.Select(static d => d.ToImeiString())],
        [.. rules.Tacs.Select(static t => t.ToString("D8", CultureInfo.InvariantCulture))],
        [.. rules.Prefixes.Select(static p => p.ToString())],
        rules.Policy is not { } p ? null : ToBody(p),
        rules.Regions is not { } r ? null : new RegionsBody(
            [.. r.Plmns.Select(static p => p.ToString())],
            [.. r.Areas.Select(RegionRules.FormatArea)],
            [.. r.Circles.Select(static c => new CircleBody(new PointBody(c.Center.Latitude, c.Center.Longitude), c.RadiusM))]),
        rules.AnyDevice);

    /// <summary>A policy override as the API shows it (null fields: not overridden).</summary>
    internal static PolicyBody ToBody(PolicyOverride p) => new(
        p.OnMismatch is { } m ? Name(m) : null,
        p.OnMissingImei is { } n ? Name(n) : null,
        p.AutoResume,
        p.MinEpisodeIntervalMs is { } ms ? (int)(ms / 1000) : null,
        p.OnUnknownLocation is { } u ? Name((MissingImeiAction)u) : null);

    internal static PolicyView ToView(BindingPolicy policy) => new(
        Name(policy.OnMismatch), Name(policy.OnMissingImei), policy.AutoResume, policy.MinEpisodeIntervalMs / 1000, Name((MissingImeiAction)policy.OnUnknownLocation));

    private static string Name(MismatchAction action) => action switch
    {
        MismatchAction.Alert => "alert",
        MismatchAction.DryRun => "dryrun",
        _ => "block",
    };

    private static string Name(MissingImeiAction action) => action switch
    {
        MissingImeiAction.Alert => "alert",
        MissingImeiAction.Block => "block",
        _ => "allow",
    };

    private static partial class Log
    {
        // BindingRulesEndpoints event IDs: 2200-2219 (next free: 2202)
        [LoggerMessage(2201, LogLevel.Information, "Device rules of a SIM changed by {Caller}: {Devices} IMEIs, {Tacs} TACs, {Prefixes} prefixes, policy override {HasPolicy}")]
        public static partial void RulesChanged(ILogger logger, string caller, int devices, int tacs, int prefixes, bool hasPolicy);
    }
}
