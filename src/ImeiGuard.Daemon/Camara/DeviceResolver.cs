using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Sessions;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Protocols.Identifiers;
using Microsoft.Extensions.Options;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// Finds the SIM a CAMARA request is about, from the access token's device (3-legged) or the request's Device
/// object (2-legged), following the Commonalities rules: both → 422 UNNECESSARY_IDENTIFIER, neither → 422
/// MISSING_IDENTIFIER, only unsupported kinds → 422 UNSUPPORTED_IDENTIFIER, an identifier that names no SIM
/// → 404 IDENTIFIER_NOT_FOUND, identifiers naming different SIMs → 400. A SIM of another tenant is, to the
/// caller, a SIM that does not exist: every identifier is checked against <see cref="Caller.CanSee"/> before
/// the identifiers are compared, so no answer tells a tenant that someone else's SIM exists.
/// </summary>
internal sealed class DeviceResolver(ISubscriberDirectory directory, SessionTable sessions, BindingEnforcer enforcer, IOptions<CamaraOptions> options)
{
    private readonly IReadOnlyList<string> _supported = options.Value.EffectiveIdentifiers;

    /// <summary>Resolves the SIM, or returns the CAMARA error that answers the request instead.</summary>
    public SimIdentity Identify(Caller caller, ParsedDevice? bodyDevice)
    {
        if (caller.Device is { } claim)
        {
            if (bodyDevice is not null)
            {
                return SimIdentity.Fail(CamaraError.Result(422, CamaraError.UnnecessaryIdentifier, CamaraError.UnnecessaryIdentifierMessage));
            }

            return TokenDevice.TryParse(claim, out var tokenDevice)
                ? Lookup(caller, tokenDevice!, checkSupported: false)
                : SimIdentity.Fail(CamaraError.Result(422, CamaraError.UnsupportedIdentifier, CamaraError.UnsupportedIdentifierMessage));
        }

        return bodyDevice is null
            ? SimIdentity.Fail(CamaraError.Result(422, CamaraError.MissingIdentifier, CamaraError.MissingIdentifierMessage))
            : Lookup(caller, bodyDevice, checkSupported: true);
    }

    private SimIdentity Lookup(Caller caller, ParsedDevice device, bool checkSupported)
    {
        var found = device.Imsi;
        if (!found.IsEmpty && (!IsKnown(found) || !caller.CanSee(found, directory)))
        {
            return NotFound();
        }

        SessionSnapshot? addressSession = null;
        var any = !found.IsEmpty;
        foreach (var kind in device.Kinds())
        {
            if (checkSupported && !_supported.Contains(kind))
            {
                continue;
            }

            any = true;
            if (!TryResolve(device, kind, out var imsi, out var session) || !caller.CanSee(imsi, directory))
            {
                return NotFound();
            }

            if (!found.IsEmpty && found != imsi)
            {
                return SimIdentity.Fail(CamaraError.BadRequest(CamaraError.InconsistentDeviceMessage));
            }

            found = imsi;
            addressSession ??= session;
        }

        return any
            ? new SimIdentity(found, addressSession, null)
            : SimIdentity.Fail(CamaraError.Result(422, CamaraError.UnsupportedIdentifier, CamaraError.UnsupportedIdentifierMessage));
    }

    private bool TryResolve(ParsedDevice device, string kind, out Imsi imsi, out SessionSnapshot? session)
    {
        session = null;
        imsi = default;
        ActiveSession? live = null;
        var found = kind switch
        {
            DeviceIdentifierKinds.PhoneNumber => directory.TryResolve(IdentifierType.Msisdn, device.PhoneNumber.ToString(), out imsi),
            DeviceIdentifierKinds.NetworkAccessIdentifier => NetworkAccessIdentifiers.TryGetImsi(device.NetworkAccessIdentifier!, out imsi) && IsKnown(imsi),
            DeviceIdentifierKinds.Ipv4Address => sessions.TryFindByFramedIp(device.Ipv4!.Value, out live),
            _ => sessions.TryFindByIpv6(device.Ipv6!.Value, out live),
        };
        if (live is not null)
        {
            session = live.Snapshot();
            imsi = session.Value.Imsi;
        }

        return found && !imsi.IsEmpty;
    }

    /// <summary>Whether ImeiGuard has heard of the SIM at all: inventory, traffic (an alias or a live session) or a binding.</summary>
    private bool IsKnown(Imsi imsi) =>
        directory.TenantOf(imsi) is not null || directory.GetAliases(imsi) != SubscriberAliases.None
        || enforcer.FindWithoutFirstSeen(imsi) is not null || sessions.FindLatest(imsi) is not null;

    private static SimIdentity NotFound() => SimIdentity.Fail(CamaraError.Result(404, CamaraError.IdentifierNotFound, CamaraError.IdentifierNotFoundMessage));
}

/// <summary>The SIM a request is about, with the live session its address named (if an address did), or the error answer.</summary>
internal readonly record struct SimIdentity(Imsi Imsi, SessionSnapshot? AddressSession, IResult? Error)
{
    public static SimIdentity Fail(IResult error) => new(default, null, error);
}
