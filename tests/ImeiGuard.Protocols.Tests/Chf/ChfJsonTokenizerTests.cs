using System.Text;
using System.Text.Json;
using ImeiGuard.Protocols.Chf;

namespace ImeiGuard.Protocols.Tests.Chf;

/// <summary>
/// Differential tests: the tokenizer must accept exactly what <see cref="Utf8JsonReader"/> accepts and give the same
/// tokens, over every corpus body and over single-byte corruptions of the valid ones.
/// </summary>
public sealed class ChfJsonTokenizerTests
{
    private const int LargestBodyCompared = 100_000;

    private static readonly byte[] Replacements = "{}[],:\"\\0-1.eEtfn x/\t\n"u8.ToArray().Append((byte)0x01).ToArray();

    public static TheoryData<string> SmallFiles() => new(ChfCorpus.Cases.Where(c => c.Body.Length <= LargestBodyCompared).Select(c => c.File));

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void Read_CorpusBody_GivesReaderTokensAndVerdict(string file) =>
        AssertSameAsReader(ChfCorpus.Get(file).Body);

    [Theory]
    [InlineData("chf/s1-initial.json")]
    [InlineData("chf/s1-termination.json")]
    public void Read_EveryByteReplacedOrDeleted_GivesReaderVerdict(string file)
    {
        var body = ChfCorpus.Get(file).Body;
        for (var i = 0; i < body.Length; i++)
        {
            foreach (var replacement in Replacements)
            {
                var mutated = (byte[])body.Clone();
                mutated[i] = replacement;
                AssertSameAsReader(mutated);
            }

            AssertSameAsReader([.. body.AsSpan(0, i), .. body.AsSpan(i + 1)]);
        }
    }

    [Theory]
    [InlineData("{\"a\":\"\\u0041\\n\\/\"}")]
    [InlineData("{\"a\":\"\\u00G1\"}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("[0, -0, 1.5, -2e10, 3E+2, 4e-1]")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[.5]")]
    [InlineData("[-]")]
    [InlineData("[1e]")]
    [InlineData("[true,false,null]")]
    [InlineData("[truex]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":1 \"b\":2}")]
    [InlineData("[1,]")]
    [InlineData("[1}")]
    [InlineData("{\"a\":1]")]
    [InlineData("{\"a\":\"tab\there\"}")]
    [InlineData("{\"a\":{\"b\":[[],{}]}}  ")]
    public void Read_HandWrittenEdgeCase_GivesReaderTokensAndVerdict(string json) =>
        AssertSameAsReader(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ValueTextEquals_EscapedName_ComparesUnescaped()
    {
        Span<ulong> containers = stackalloc ulong[ChfJsonTokenizer.StackWords];
        var tokenizer = new ChfJsonTokenizer("{\"t\\u0061i\":1}"u8, containers);
        Assert.True(tokenizer.Read());
        Assert.True(tokenizer.Read());
        Assert.True(tokenizer.ValueIsEscaped);
        Assert.True(tokenizer.ValueTextEquals("tai"u8));
        Assert.False(tokenizer.ValueTextEquals("t\\u0061i"u8));
    }

    /// <summary>
    /// Both read to the first failure, the BCL reader as the CHF reader used it (<c>isFinalBlock: false</c>), so a body
    /// ending inside a token is a failure for both.
    /// </summary>
    private static void AssertSameAsReader(byte[] body)
    {
        var expected = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = ChfJsonTokenizer.MaxDepth }));
        Span<ulong> containers = stackalloc ulong[ChfJsonTokenizer.StackWords];
        var actual = new ChfJsonTokenizer(body, containers);
        while (true)
        {
            bool expectedRead;
            try
            {
                expectedRead = expected.Read();
            }
            catch (JsonException)
            {
                expectedRead = false;
            }

            var actualRead = actual.Read();
            Assert.True(expectedRead == actualRead, $"read verdict differs at byte {expected.BytesConsumed} of {Encoding.UTF8.GetString(body)}");
            if (!actualRead)
            {
                break;
            }

            Assert.Equal(expected.TokenType, actual.TokenType);
            Assert.Equal(expected.CurrentDepth, actual.CurrentDepth);
            if (expected.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number)
            {
                Assert.True(expected.ValueSpan.SequenceEqual(actual.ValueSpan));
                Assert.Equal(expected.ValueIsEscaped, actual.ValueIsEscaped);
            }
        }

        // Once the root value is complete, a clean end is one where only whitespace follows it.
        if (expected.CurrentDepth == 0 && expected.TokenType != JsonTokenType.None)
        {
            var rest = body.AsSpan((int)expected.BytesConsumed);
            Assert.True(rest.Trim(" \t\r\n"u8).IsEmpty == actual.IsAtEnd, $"end differs: rest [{Convert.ToHexString(rest)}]");
        }
    }
}
