namespace ImeiGuard.IntegrationTests.Camara.Infrastructure;

/// <summary>
/// The API keys the CAMARA test daemons are configured with. Tenant keys stand for two enterprises; the device keys
/// stand in for 3-legged tokens (claim "device").
/// </summary>
internal static class CamaraKeys
{
    public const string Operator = "igk_operator_0000000000000001";
    public const string Acme = "igk_tenant_acme_00000000000001";
    public const string Globex = "igk_tenant_globex_000000000001";
    public const string NoCamaraScope = "igk_no_camara_scope_000000001";
    public const string AcmeDevice = "igk_acme_device_tel_0000000001";
    public const string AcmeDeviceByImsi = "igk_acme_device_imsi_000000001";
    public const string UnknownDeviceForm = "igk_device_unknown_form_00001";

    /// <summary>The SIM behind <see cref="AcmeDevice"/> (claim tel:+…) and <see cref="AcmeDeviceByImsi"/> (claim imsi:…).</summary>
    public const string DeviceImsi = "262019000000001";
    public const string DevicePhone = "+4917090000001";

    public static readonly string[] CamaraScopes =
    [
        "iot-sim-fraud-prevention:bind", "iot-sim-fraud-prevention:unbind", "iot-sim-fraud-prevention:query",
        "iot-sim-fraud-prevention-subscriptions:subscribe", "iot-sim-fraud-prevention-subscriptions:read", "iot-sim-fraud-prevention-subscriptions:delete",
    ];

    /// <summary>The ImeiGuard:ControlPlane:ApiKeys section.</summary>
    public static object[] Settings() =>
    [
        new { Name = "operator", Key = Operator, Scopes = (string[])[.. CamaraScopes, "subscribers:write", "simlock:read", "simlock:write"] },
        new { Name = "acme-app", Key = Acme, Scopes = CamaraScopes, Tenant = "acme" },
        new { Name = "globex-app", Key = Globex, Scopes = CamaraScopes, Tenant = "globex" },
        new { Name = "reader", Key = NoCamaraScope, Scopes = (string[])["simlock:read"] },
        new { Name = "acme-device", Key = AcmeDevice, Scopes = CamaraScopes, Tenant = "acme", Device = "tel:" + DevicePhone },
        new { Name = "acme-device-imsi", Key = AcmeDeviceByImsi, Scopes = CamaraScopes, Tenant = "acme", Device = "imsi:" + DeviceImsi },
        new { Name = "odd-device", Key = UnknownDeviceForm, Scopes = CamaraScopes, Tenant = "acme", Device = "mac:00:11:22:33:44:55" },
    ];
}
