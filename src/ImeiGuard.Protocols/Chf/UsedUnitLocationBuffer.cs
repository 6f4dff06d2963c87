using System.Runtime.CompilerServices;
using ImeiGuard.Protocols.Location;

namespace ImeiGuard.Protocols.Chf;

/// <summary>
/// Fixed room for the locations of the used-unit containers of one request, inline in
/// <see cref="ChargingDataRecord"/> so that reading a request allocates nothing. Index it like an array;
/// <see cref="ChargingDataRecord.UsedUnitLocationCount"/> says how many entries are filled.
/// </summary>
[InlineArray(Capacity)]
public struct UsedUnitLocationBuffer
{
    /// <summary>How many locations are kept. Further containers are counted in <see cref="ChargingDataRecord.UsedUnitLocationsDropped"/>.</summary>
    public const int Capacity = 4;

    private UserLocation _element0;
}
