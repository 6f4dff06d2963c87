using System.Text.Json;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Daemon.Camara;

/// <summary>What a bind, unbind or query is about: the SIM's IMEI binding or its area limit.</summary>
internal enum FraudType
{
    ImeiBind,
    AreaLimit,
}

/// <summary>A validated bind, unbind or query body. The explicit IMEI and area are ImeiGuard extensions of bind.</summary>
internal sealed record FraudPreventionRequest(FraudType Type, ParsedDevice? Device, Imei ExplicitImei, GeoCircle? ExplicitArea);

/// <summary>The three operations differ in the name of the type member and in the spec's messages about it.</summary>
internal sealed record FraudOperation(string TypeMember, string MissingTypeMessage, string InvalidTypeMessage, bool AcceptsExtensions)
{
    public static FraudOperation Bind { get; } = new("bindType", "BindType must be specified", "The value of bindType can only be IMEIBIND,AREALIMIT", true);

    public static FraudOperation Unbind { get; } = new("unBindType", "UnbindType must be specified", "The value of unbindType can only be IMEIBIND,AREALIMIT", false);

    public static FraudOperation Query { get; } = new("queryType", "QueryType must be specified", "The value of queryType can only be IMEIBIND,AREALIMIT", false);

    /// <summary>
    /// Validates a body in the order a schema validator would report: the type member, then the extensions, then
    /// the Device object. Returns the request, or the 400 answer.
    /// </summary>
    public (FraudPreventionRequest? Request, IResult? Error) Read(JsonElement? body)
    {
        if (body is not { } root)
        {
            return (null, CamaraError.BadRequest(CamaraError.GenericInvalidArgumentMessage));
        }

        if (!root.TryGetProperty(TypeMember, out var typeElement) || typeElement.ValueKind == JsonValueKind.Null)
        {
            return (null, CamaraError.BadRequest(MissingTypeMessage));
        }

        FraudType? type = typeElement.ValueKind != JsonValueKind.String ? null : typeElement.GetString() switch
        {
            "IMEIBIND" => FraudType.ImeiBind,
            "AREALIMIT" => FraudType.AreaLimit,
            _ => null,
        };
        if (type is null)
        {
            return (null, CamaraError.BadRequest(InvalidTypeMessage));
        }

        var imei = default(Imei);
        GeoCircle? area = null;
        if (AcceptsExtensions && !TryReadExtensions(root, type.Value, out imei, out area, out var problem))
        {
            return (null, CamaraError.BadRequest(problem));
        }

        return CamaraBody.TryReadDevice(root, "device", out var device, out var error)
            ? (new FraudPreventionRequest(type.Value, device, imei, area), null)
            : (null, error);
    }

    /// <summary>
    /// The extensions of bind (docs/camara.md): <c>imei</c> binds that device instead of the one the network sees;
    /// <c>area</c>, a CAMARA CIRCLE, restricts to it instead of to the area around the SIM's current cell.
    /// </summary>
    private static bool TryReadExtensions(JsonElement root, FraudType type, out Imei imei, out GeoCircle? area, out string problem)
    {
        imei = default;
        area = null;
        problem = string.Empty;
        if (root.TryGetProperty("imei", out var imeiElement))
        {
            if (type != FraudType.ImeiBind)
            {
                problem = "Invalid argument: imei applies to bindType IMEIBIND only";
                return false;
            }

            if (imeiElement.ValueKind != JsonValueKind.String || !Imei.TryParse(imeiElement.GetString()!.Replace("-", string.Empty, StringComparison.Ordinal), out imei))
            {
                problem = "Invalid format: imei";
                return false;
            }
        }

        if (root.TryGetProperty("area", out var areaElement))
        {
            if (type != FraudType.AreaLimit)
            {
                problem = "Invalid argument: area applies to bindType AREALIMIT only";
                return false;
            }

            if (!CamaraArea.TryRead(areaElement, out var circle))
            {
                problem = "Invalid value: area";
                return false;
            }

            area = circle;
        }

        return true;
    }
}
