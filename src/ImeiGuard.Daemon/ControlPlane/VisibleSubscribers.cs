using ImeiGuard.Core.Operations;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>
/// Identifier resolution through the caller's eyes: a tenant resolves only its own SIMs, and every other SIM
/// gets the one answer an unknown SIM gets, so that no endpoint tells a tenant whether another's SIM exists.
/// </summary>
internal static class VisibleSubscribers
{
    public const string NotFoundMessage = "No SIM is known for this identifier";

    /// <summary>The answer for an unknown SIM, and for a SIM the caller may not see.</summary>
    public static IResult NotFound() => Envelope.Error(StatusCodes.Status404NotFound, LockApiErrors.SubscriberNotFound, NotFoundMessage);

    public static bool TryResolveVisible(this ISubscriberDirectory directory, Caller caller, IdentifierType type, string value, out Imsi imsi) =>
        directory.TryResolve(type, value, out imsi) && caller.CanSee(imsi, directory);
}
