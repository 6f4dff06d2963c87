using System.Globalization;
using System.Text.Json;
using ImeiGuard.Core.Camara;

namespace ImeiGuard.Daemon.Camara;

/// <summary>
/// Validates a <c>SubscribeFraudPreventionRequest</c> in schema order (protocol, sink, types, sinkCredential, config,
/// device) and answers each failure with the spec's 400 code and message: INVALID_PROTOCOL, INVALID_SINK,
/// INVALID_CREDENTIAL or INVALID_ARGUMENT.
/// </summary>
internal static class SubscriptionRequestReader
{
    public const string InvalidSinkMessage = "The sink field must be an accessible client address in order to notify the other end when an event occurs";
    private static readonly string[] Protocols = ["HTTP", "MQTT3", "MQTT5", "AMQP", "NATS", "KAFKA"];
    private static readonly string[] CredentialTypes = ["PLAIN", "ACCESSTOKEN", "PRIVATE_KEY_JWT"];

    public static (SubscriptionRequest? Request, IResult? Error) Read(JsonElement? body, DateTimeOffset now)
    {
        if (body is not { } root)
        {
            return Invalid(CamaraError.GenericInvalidArgumentMessage);
        }

        if (!TryGetString(root, "protocol", out var protocol))
        {
            return Invalid(CamaraError.GenericInvalidArgumentMessage);
        }

        if (protocol != "HTTP")
        {
            return Fail(CamaraError.InvalidProtocol, Protocols.Contains(protocol) ? "Only HTTP is supported" : "The value of Protocol can only be HTTP, MQTT3, MQTT5, AMQP, NATS, KAFKA");
        }

        if (!TryGetString(root, "sink", out var sink) || !IsHttpsUrl(sink))
        {
            return Fail(CamaraError.InvalidSink, InvalidSinkMessage);
        }

        if (!root.TryGetProperty("types", out var types) || types.ValueKind == JsonValueKind.Null || types is { ValueKind: JsonValueKind.Array } && types.GetArrayLength() == 0)
        {
            return Invalid("SubscriptionType must be specified");
        }

        if (types.ValueKind != JsonValueKind.Array || types.GetArrayLength() > 1)
        {
            return Invalid("Only one subscription type is allowed");
        }

        var type = types[0].ValueKind == JsonValueKind.String ? types[0].GetString()! : string.Empty;
        if (!CamaraEventTypes.Subscribable.Contains(type))
        {
            return Invalid($"The value of types can only be {string.Join(',', CamaraEventTypes.Subscribable)}");
        }

        if (!TryReadCredential(root, now, out var token, out var tokenExpires, out var credentialProblem))
        {
            return Fail(CamaraError.InvalidCredential, credentialProblem);
        }

        if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object
            || !config.TryGetProperty("subscriptionDetail", out var detail) || detail.ValueKind != JsonValueKind.Object)
        {
            return Invalid(CamaraError.GenericInvalidArgumentMessage);
        }

        if (!TryReadConfig(config, now, out var expireTime, out var maxEvents, out var initialEvent, out var configProblem))
        {
            return Invalid(configProblem);
        }

        return CamaraBody.TryReadDevice(detail, "device", out var device, out var deviceError)
            ? (new SubscriptionRequest(type, sink, token, tokenExpires, device, expireTime, maxEvents, initialEvent), null)
            : (null, deviceError);
    }

    /// <summary>The sink pattern <c>^https:\/\/.+$</c>, an absolute URI, at most 2048 characters.</summary>
    private static bool IsHttpsUrl(string sink) =>
        sink.Length <= 2048 && sink.StartsWith("https://", StringComparison.Ordinal) && Uri.TryCreate(sink, UriKind.Absolute, out var uri) && uri.Host.Length > 0;

    /// <summary>sinkCredential: optional; only ACCESSTOKEN (bearer) is supported, with a token and a future expiry.</summary>
    private static bool TryReadCredential(JsonElement root, DateTimeOffset now, out string? token, out DateTimeOffset? expires, out string problem)
    {
        token = null;
        expires = null;
        problem = string.Empty;
        if (!root.TryGetProperty("sinkCredential", out var credential) || credential.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (credential.ValueKind != JsonValueKind.Object || !TryGetString(credential, "credentialType", out var kind) || !CredentialTypes.Contains(kind))
        {
            problem = "The value of credentialType can only be PLAIN, ACCESSTOKEN, PRIVATE_KEY_JWT";
            return false;
        }

        if (kind != "ACCESSTOKEN")
        {
            problem = "Only Access token is supported";
            return false;
        }

        if (!TryGetString(credential, "accessTokenType", out var tokenType) || !tokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Only bearer token is supported";
            return false;
        }

        if (!TryGetString(credential, "accessToken", out var value) || value.Length == 0)
        {
            problem = "Invalid value: sinkCredential.accessToken";
            return false;
        }

        if (!TryGetString(credential, "accessTokenExpiresUtc", out var text) || !TryParseDateTime(text, out var at) || at <= now)
        {
            problem = "Invalid value: sinkCredential.accessTokenExpiresUtc";
            return false;
        }

        token = value;
        expires = at;
        return true;
    }

    private static bool TryReadConfig(JsonElement config, DateTimeOffset now, out DateTimeOffset? expireTime, out int? maxEvents, out bool initialEvent, out string problem)
    {
        expireTime = null;
        maxEvents = null;
        initialEvent = false;
        problem = string.Empty;
        if (config.TryGetProperty("subscriptionExpireTime", out var expire) && expire.ValueKind != JsonValueKind.Null)
        {
            if (expire.ValueKind != JsonValueKind.String || !TryParseDateTime(expire.GetString()!, out var at) || at <= now)
            {
                problem = "Invalid value: config.subscriptionExpireTime";
                return false;
            }

            expireTime = at;
        }

        if (config.TryGetProperty("subscriptionMaxEvents", out var max) && max.ValueKind != JsonValueKind.Null)
        {
            if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var count) || count < 1)
            {
                problem = "Invalid value: config.subscriptionMaxEvents";
                return false;
            }

            maxEvents = count;
        }

        if (config.TryGetProperty("initialEvent", out var initial) && initial.ValueKind != JsonValueKind.Null)
        {
            if (initial.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "Invalid value: config.initialEvent";
                return false;
            }

            initialEvent = initial.GetBoolean();
        }

        return true;
    }

    /// <summary>RFC 3339 date-time: date, 'T', time and a zone ('Z' or an offset), as the specs require.</summary>
    private static bool TryParseDateTime(string text, out DateTimeOffset at)
    {
        at = default;
        var zoned = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return zoned && text.Length > 10 && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out at);
    }

    private static bool TryGetString(JsonElement parent, string name, out string value)
    {
        value = string.Empty;
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    private static (SubscriptionRequest?, IResult?) Invalid(string message) => (null, CamaraError.BadRequest(message));

    private static (SubscriptionRequest?, IResult?) Fail(string code, string message) => (null, CamaraError.Result(StatusCodes.Status400BadRequest, code, message));
}
