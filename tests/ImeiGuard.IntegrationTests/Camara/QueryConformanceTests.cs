using ImeiGuard.IntegrationTests.Camara.Infrastructure;

namespace ImeiGuard.IntegrationTests.Camara;

/// <summary>POST /query: the spec's two response shapes and the queryType 400s.</summary>
[Collection(CamaraCollection.Name)]
public sealed class QueryConformanceTests(CamaraHost host)
{
    private const string Query = CamaraResponse.FraudPrevention + "/query";

    private HttpClient Operator => host.Client(CamaraKeys.Operator);

    [Fact]
    public async Task Query_ImeiBindOfUnboundSim_AnswersUnboundWithoutImei()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = sim.Phone }, queryType = "IMEIBIND" });

        response.AssertOk();
        Assert.Equal("""{"imeiBind":{"bindStatus":"UNBOUND"}}""", response.Body.GetRawText());
    }

    [Fact]
    public async Task Query_AreaLimitOfUnrestrictedSim_AnswersUnrestrictedWithoutArea()
    {
        var sim = await host.RegisteredSimAsync(null);

        var response = await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = sim.Phone }, queryType = "AREALIMIT" });

        response.AssertOk();
        Assert.Equal("""{"areaLimit":{"areaLimitStatus":"UNRESTRICTED"}}""", response.Body.GetRawText());
    }

    [Fact]
    public async Task Query_ImeiBindOfBoundSim_AnswersBoundWithTheImeiAsTheSpecFormatsIt()
    {
        var sim = await host.RegisteredSimAsync(null);
        await CamaraResponse.PostAsync(Operator, CamaraResponse.FraudPrevention + "/bind", new { device = new { phoneNumber = sim.Phone }, bindType = "IMEIBIND", imei = "352099001761481" });

        var response = await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = sim.Phone }, queryType = "IMEIBIND" });

        Assert.Equal("""{"imeiBind":{"bindImei":"35-209900-176148-1","bindStatus":"BOUND"}}""", response.Body.GetRawText());
    }

    [Fact]
    public async Task Query_AreaLimitOfRestrictedSim_AnswersRestrictedWithTheCircle()
    {
        var sim = await host.RegisteredSimAsync(null);
        await CamaraResponse.PostAsync(Operator, CamaraResponse.FraudPrevention + "/bind", new
        {
            device = new { phoneNumber = sim.Phone },
            bindType = "AREALIMIT",
            area = new { areaType = "CIRCLE", center = new { latitude = 50.735851, longitude = 7.10066 }, radius = 50000 },
        });

        var response = await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = sim.Phone }, queryType = "AREALIMIT" });

        Assert.Equal("""{"areaLimit":{"limitArea":{"areaType":"CIRCLE","center":{"latitude":50.735851,"longitude":7.10066},"radius":50000},"areaLimitStatus":"RESTRICTED"}}""", response.Body.GetRawText());
    }

    [Fact]
    public async Task Query_WithoutQueryType_400QueryTypeMustBeSpecified() =>
        (await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = "+4917000000000" } }))
            .AssertError(400, "INVALID_ARGUMENT", "QueryType must be specified");

    [Fact]
    public async Task Query_UnknownQueryType_400InvalidQueryTypeValue() =>
        (await CamaraResponse.PostAsync(Operator, Query, new { device = new { phoneNumber = "+4917000000000" }, queryType = 3 }))
            .AssertError(400, "INVALID_ARGUMENT", "The value of queryType can only be IMEIBIND,AREALIMIT");
}
