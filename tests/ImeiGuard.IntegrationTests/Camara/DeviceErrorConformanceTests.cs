using ImeiGuard.IntegrationTests.Camara.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>
/// The Device object's error scenarios (the specs' 400 examples and CAMARA Commonalities C01), for each of bind,
/// unbind, query and subscription create, against the real daemon: status, code and message.
/// </summary>
[Collection(CamaraCollection.Name)]
public sealed class DeviceErrorConformanceTests(CamaraHost host)
{
    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_EmptyObject_400InsufficientDeviceParameters(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, "{}")).AssertError(400, "INVALID_ARGUMENT",
            "At least one of phoneNumber, networkAccessIdentifier, ipv4Address and ipv6Address must be specified");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_PhoneNumberNotE164_400InvalidPhoneNumber(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"phoneNumber":"4917012345678"}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid format: phoneNumber");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_NetworkAccessIdentifierWithoutDomain_400InvalidNai(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"networkAccessIdentifier":"123456789"}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid format: networkAccessIdentifier");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_Ipv4AddressNotDottedQuad_400InvalidIpv4(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"ipv4Address":{"publicAddress":"203.0.113","publicPort":59765}}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid format: ipv4Address");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_Ipv4WithoutPrivateAddressOrPort_400InvalidIpv4(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"ipv4Address":{"publicAddress":"203.0.113.7"}}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid format: ipv4Address");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_PublicPortOutOfRange_400InvalidPortValue(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"ipv4Address":{"publicAddress":"203.0.113.7","publicPort":70000}}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid value: ipv4Address.publicPort");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_Ipv6AddressInvalid_400InvalidIpv6(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"ipv6Address":"2001:db8::85a3::7344"}""")).AssertError(400, "INVALID_ARGUMENT", "Invalid format: ipv6Address");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_IdentifiersOfTwoSims_400InconsistentDeviceProperties(CamaraOperation operation)
    {
        var first = await host.RegisteredSimAsync(null);
        var second = await host.RegisteredSimAsync(null);

        var response = await CamaraRequests.SendAsync(Operator, operation, $$"""{"phoneNumber":"{{first.Phone}}","networkAccessIdentifier":"{{second.Imsi}}@iot.example.com"}""");

        response.AssertError(400, "INVALID_ARGUMENT", "Multiple inconsistent device parameters specified");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_UnknownPhoneNumber_404IdentifierNotFound(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, CamaraRequests.Phone(host.NewSim()))).AssertError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_AddressNoSessionHolds_404IdentifierNotFound(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, """{"ipv4Address":{"publicAddress":"198.51.100.77","publicPort":4000}}""")).AssertError(404, "IDENTIFIER_NOT_FOUND", "Device identifier not found.");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_NoneWithTwoLeggedToken_422MissingIdentifier(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(Operator, operation, null)).AssertError(422, "MISSING_IDENTIFIER", "The device cannot be identified.");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_GivenWithThreeLeggedToken_422UnnecessaryIdentifier(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(host.Client(CamaraKeys.AcmeDevice), operation, $$"""{"phoneNumber":"{{CamaraKeys.DevicePhone}}"}""")).AssertError(
            422, "UNNECESSARY_IDENTIFIER", "An explicit identifier has been provided for the device when this is already identified by the access token");

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Device_TokenDeviceOfUnsupportedForm_422UnsupportedIdentifier(CamaraOperation operation) =>
        (await CamaraRequests.SendAsync(host.Client(CamaraKeys.UnknownDeviceForm), operation, null)).AssertError(
            422, "UNSUPPORTED_IDENTIFIER", "None of the provided identifiers is supported by the implementation.");

    public static TheoryData<CamaraOperation> Operations => [CamaraOperation.Bind, CamaraOperation.Unbind, CamaraOperation.Query, CamaraOperation.Subscribe];
}
