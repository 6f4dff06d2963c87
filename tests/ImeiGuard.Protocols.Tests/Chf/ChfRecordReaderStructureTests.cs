using System.Text;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>Body-level checks: root type, syntax, size, depth, UTF-8, error precedence and options.</summary>
public sealed class ChfRecordReaderStructureTests
{
    [Theory]
    [InlineData("", "json_syntax_error")]
    [InlineData("   \n", "json_syntax_error")]
    [InlineData("{", "json_syntax_error")]
    [InlineData("tru", "json_syntax_error")]
    [InlineData("nope", "json_syntax_error")]
    [InlineData("[1, 2", "json_syntax_error")]
    [InlineData("{} x", "json_syntax_error")]
    [InlineData("{}{}", "json_syntax_error")]
    [InlineData("{/* c */}", "json_syntax_error")]
    [InlineData("{\"a\": 1,}", "json_syntax_error")]
    [InlineData("{'a': 1}", "json_syntax_error")]
    [InlineData("\uFEFF{}", "json_syntax_error")]
    [InlineData("42", "not_an_object")]
    [InlineData(" -4.5e3 ", "not_an_object")]
    [InlineData("\"imsi-262015057443447\"", "not_an_object")]
    [InlineData("true", "not_an_object")]
    [InlineData("null", "not_an_object")]
    [InlineData("[]", "not_an_object")]
    [InlineData("[{}]", "not_an_object")]
    [InlineData("{}", "schema_required_missing")]
    [InlineData("{} \r\n\t", "schema_required_missing")]
    public void TryRead_SmallBody_ReportsReason(string body, string reason)
    {
        Assert.Equal(reason, ChfParseErrors.ReasonCode(ChfRecordReader.TryRead(Encoding.UTF8.GetBytes(body), out _)));
        Assert.Equal(reason, ChfParseErrors.ReasonCode(ChfRecordReader.TryRead(SegmentedBody.Split(Encoding.UTF8.GetBytes(body), body.Length / 2), out _)));
    }

    [Fact]
    public void TryRead_MemberErrorThenTruncation_ReportsSyntaxError()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"imsi-262015057443447\"", "\"imsx-262015057443447\"");
        Assert.Equal("supi_bad_prefix", ChfBodies.Reason(body));
        Assert.Equal("json_syntax_error", ChfBodies.Reason(body[..^3]));
    }

    [Fact]
    public void TryRead_TwoMemberErrors_ReportsFirstInDocumentOrder()
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"imsi-262015057443447\"", "\"imsi-1\"");
        body = ChfBodies.EditText(Encoding.UTF8.GetString(body), "\"imeisv-3520990043070713\"", "\"imei-1\"");
        Assert.Equal("supi_bad_length", ChfBodies.Reason(body));

        body = ChfBodies.Edit(ChfBodies.Nr, "\"nodeFunctionality\": \"SMF\"", "\"nodeFunctionalityX\": \"SMF\"");
        body = ChfBodies.EditText(Encoding.UTF8.GetString(body), "\"imeisv-3520990043070713\"", "\"imei-1\"");
        Assert.Equal("schema_required_missing", ChfBodies.Reason(body));
    }

    [Theory]
    [InlineData(ChfReaderOptions.DefaultMaxDepth, 31, "none")]
    [InlineData(ChfReaderOptions.DefaultMaxDepth, 32, "nesting_too_deep")]
    [InlineData(12, 11, "none")]
    [InlineData(12, 12, "nesting_too_deep")]
    [InlineData(10, 1, "none")]
    [InlineData(9, 1, "nesting_too_deep")]
    public void TryRead_NestedUnknownMember_DepthLimitIsExact(int maxDepth, int nestedObjects, string reason)
    {
        // The body object is level 1, so n nested objects in a top-level member reach level n + 1.
        // At maxDepth 9 the used-unit location of s1-update (level 10) is already too deep.
        var nested = new StringBuilder("\"vendorExtension\": ");
        nested.Insert(nested.Length, "{\"a\": ", nestedObjects - 1).Append("{}").Append('}', nestedObjects - 1);
        var body = ChfBodies.WithFirstMember(ChfBodies.Nr, nested.ToString());
        var options = new ChfReaderOptions { MaxDepth = maxDepth };

        Assert.Equal(reason, ChfParseErrors.ReasonCode(ChfRecordReader.TryRead(body, options, out _)));
        Assert.Equal(reason, ChfParseErrors.ReasonCode(ChfRecordReader.TryRead(SegmentedBody.Split(body, 100, body.Length - 100), options, out _)));
    }

    [Fact]
    public void TryRead_DeepArrays_NestingTooDeepWithoutStackGrowth()
    {
        var body = ChfBodies.WithFirstMember(ChfBodies.Nr, "\"x\": " + new string('[', 100_000) + new string(']', 100_000));
        var options = new ChfReaderOptions { MaxBodyBytes = 1 << 20 };
        Assert.Equal(ChfParseError.NestingTooDeep, ChfRecordReader.TryRead(body, options, out _));
    }

    [Fact]
    public void TryRead_BodySizeLimit_IsInclusive()
    {
        var body = ChfCorpus.Get(ChfBodies.Nr).Body;
        Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(body, new ChfReaderOptions { MaxBodyBytes = body.Length }, out _));
        Assert.Equal(ChfParseError.BodyTooLarge, ChfRecordReader.TryRead(body, new ChfReaderOptions { MaxBodyBytes = body.Length - 1 }, out _));
        var sequence = SegmentedBody.Split(body, 10);
        Assert.Equal(ChfParseError.BodyTooLarge, ChfRecordReader.TryRead(sequence, new ChfReaderOptions { MaxBodyBytes = body.Length - 1 }, out _));
    }

    [Fact]
    public void TryRead_HugeIdentityWithRaisedBodyLimit_StringTooLong()
    {
        var c = ChfCorpus.Get("chf/m10-5mb-string.json");
        var options = new ChfReaderOptions { MaxBodyBytes = c.Body.Length };
        Assert.Equal(ChfParseError.StringTooLong, ChfRecordReader.TryRead(c.Body, options, out _));
        Assert.Equal(ChfParseError.StringTooLong, ChfRecordReader.TryRead(SegmentedBody.Split(c.Body, 4096), options, out _));
    }

    [Fact]
    public void TryRead_DefaultOptionsStruct_BehavesAsDefault()
    {
        var deep = ChfBodies.WithFirstMember(ChfBodies.Nr, "\"x\": " + new string('[', 40) + new string(']', 40));
        Assert.Equal(ChfParseError.NestingTooDeep, ChfRecordReader.TryRead(deep, default(ChfReaderOptions), out _));
        Assert.Equal(ChfParseError.BodyTooLarge, ChfRecordReader.TryRead(new byte[ChfReaderOptions.DefaultMaxBodyBytes + 1], default(ChfReaderOptions), out _));
        Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(ChfCorpus.Get(ChfBodies.Nr).Body, default(ChfReaderOptions), out _));
    }

    [Theory]
    [InlineData("intérnet")]
    [InlineData("интернет")]
    [InlineData("in\u4E2Dternet")]
    [InlineData("int\U0001F600rnet")]
    public void TryRead_MultiByteCharacterInAnySplit_Accepted(string dnn)
    {
        var body = ChfBodies.Edit(ChfBodies.Nr, "\"dnnId\": \"internet\"", $"\"dnnId\": \"{dnn}\"");
        var at = Encoding.UTF8.GetString(body).IndexOf(dnn, StringComparison.Ordinal);
        var start = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(body)[..at]);
        for (var split = start; split <= start + Encoding.UTF8.GetByteCount(dnn); split++)
        {
            Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(SegmentedBody.Split(body, split), out _));
            Assert.Equal(ChfParseError.None, ChfRecordReader.TryRead(SegmentedBody.Split(body, split - 1, split, split + 1), out _));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0x80 })]
    public void TryRead_InvalidUtf8InAnySplit_InvalidUtf8(byte[] bad)
    {
        var text = Encoding.UTF8.GetString(ChfCorpus.Get(ChfBodies.Nr).Body);
        var at = Encoding.UTF8.GetByteCount(text[..(text.IndexOf("internet", StringComparison.Ordinal) + 5)]);
        var original = ChfCorpus.Get(ChfBodies.Nr).Body;
        byte[] body = [.. original.AsSpan(0, at), .. bad, .. original.AsSpan(at)];

        Assert.Equal(ChfParseError.InvalidUtf8, ChfRecordReader.TryRead(body, out _));
        for (var split = at - 1; split <= at + bad.Length + 1; split++)
        {
            Assert.Equal(ChfParseError.InvalidUtf8, ChfRecordReader.TryRead(SegmentedBody.Split(body, split), out _));
        }

        Assert.Equal(ChfParseError.InvalidUtf8, ChfRecordReader.TryRead(SegmentedBody.Split(body, [.. Enumerable.Range(1, body.Length - 1)]), out _));
    }

    [Fact]
    public void TryRead_TruncatedMultiByteCharacterAtEnd_InvalidUtf8()
    {
        byte[] body = [.. "{\"a\": \"x"u8, 0xE2, 0x82];
        Assert.Equal(ChfParseError.InvalidUtf8, ChfRecordReader.TryRead(body, out _));
        Assert.Equal(ChfParseError.InvalidUtf8, ChfRecordReader.TryRead(SegmentedBody.Split(body, body.Length - 1), out _));
    }

    [Fact]
    public void ReasonCode_EveryError_HasDistinctSnakeCaseCode()
    {
        var codes = ChfParseErrors.All.Select(ChfParseErrors.ReasonCode).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z0-9_]+$", c));
        Assert.Equal("unknown", ChfParseErrors.ReasonCode((ChfParseError)200));
        Assert.True(ChfParseErrors.IsBodyScope(ChfParseError.NestingTooDeep));
        Assert.False(ChfParseErrors.IsBodyScope(ChfParseError.NotAnObject));
    }
}
