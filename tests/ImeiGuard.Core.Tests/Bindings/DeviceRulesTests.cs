using ImeiGuard.Core.Tests.Support;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>Every device rule (none, one IMEI, a pool, TAC, prefix) against every state, under the default policy.</summary>
public sealed class DeviceRulesTests
{
    // A and A2 share TAC 35349006; B is another model (TAC 86446103).
    internal static readonly Imei A = Parse("35349006987330");
    internal static readonly Imei A2 = Parse("35349006111111");
    internal static readonly Imei B = Parse("86446103207724");

    public static TheoryData<string, LockState, string?, string, VerdictKind, LockState, string?> Cases => new()
    {
        // rule, state before, bound, observed, verdict, state after, bound after
        { "none", LockState.Armed, null, "A", VerdictKind.Paired, LockState.Locked, "A" },
        { "none", LockState.Locked, "A", "A2", VerdictKind.Violation, LockState.Violated, "A" },
        { "imei:A", LockState.Armed, null, "A", VerdictKind.Paired, LockState.Locked, "A" },
        { "imei:A", LockState.Armed, null, "B", VerdictKind.Violation, LockState.Violated, null },
        { "imei:A", LockState.Locked, "A", "A", VerdictKind.Match, LockState.Locked, "A" },
        { "imei:A", LockState.Locked, "A", "A2", VerdictKind.Violation, LockState.Violated, "A" },
        { "imei:A", LockState.Violated, "A", "B", VerdictKind.ViolationRepeated, LockState.Violated, "A" },
        { "imei:A", LockState.Violated, "A", "A", VerdictKind.Match, LockState.Violated, "A" },
        { "imei:A", LockState.Disabled, null, "B", VerdictKind.NotEnforced, LockState.Disabled, null },
        { "pool:A,B", LockState.Armed, null, "B", VerdictKind.Paired, LockState.Locked, "B" },
        { "pool:A,B", LockState.Locked, "B", "A", VerdictKind.Match, LockState.Locked, "B" },
        { "pool:A,B", LockState.Locked, "B", "A2", VerdictKind.Violation, LockState.Violated, "B" },
        { "tac:35349006", LockState.Armed, null, "A2", VerdictKind.Paired, LockState.Locked, "A2" },
        { "tac:35349006", LockState.Locked, "A2", "A", VerdictKind.Match, LockState.Locked, "A2" },
        { "tac:35349006", LockState.Locked, "A2", "B", VerdictKind.Violation, LockState.Violated, "A2" },
        { "tac:35349006", LockState.Armed, null, "B", VerdictKind.Violation, LockState.Violated, null },
        { "prefix:3534900", LockState.Locked, "A", "A2", VerdictKind.Match, LockState.Locked, "A" },
        { "prefix:3534900", LockState.Locked, "A", "B", VerdictKind.Violation, LockState.Violated, "A" },
        { "prefix:86", LockState.Locked, "B", "A", VerdictKind.Violation, LockState.Violated, "B" },
        { "prefix:35349006987330", LockState.Locked, "A", "A2", VerdictKind.Violation, LockState.Violated, "A" },
        { "policy-only", LockState.Locked, "A", "A2", VerdictKind.Violation, LockState.Violated, "A" },
        { "policy-only", LockState.Armed, null, "B", VerdictKind.Paired, LockState.Locked, "B" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_EachRuleAndState_GivesDocumentedVerdict(string rule, LockState before, string? bound, string observed, VerdictKind verdict, LockState after, string? boundAfter)
    {
        var current = new LockStatus(before, Named(bound), default, 0);

        var result = BindingRules.Decide(current, Named(observed), Rule(rule), BindingPolicy.Default, 1_000);

        Assert.Equal(verdict, result.Kind);
        Assert.Equal(after, result.Next.State);
        Assert.Equal(Named(boundAfter), result.Next.BoundImei);
    }

    [Theory]
    [InlineData("35349006987330", true)]   // 14 digits
    [InlineData("353490069873301", true)]  // IMEI with check digit
    [InlineData("3534900698733012", true)] // IMEISV: software version ignored
    [InlineData("353490069873311", false)]
    public void Allows_ExplicitImei_ComparesIdentityDigitsOnly(string observed, bool allowed)
    {
        var rules = new DeviceRules([A], [], []);

        Assert.Equal(allowed, rules.Allows(Parse(observed)));
    }

    [Fact]
    public void Allows_MatchOrMiss_AllocatesNothing()
    {
        var rules = new DeviceRules([A, B], [12345678], [new ImeiPrefix(99, 2)]);
        rules.Allows(A);
        rules.Allows(A2);
        var hits = 0;
        AllocationAssert.NothingPerCall(1000, _ =>
        {
            hits += rules.Allows(A) ? 1 : 0;
            hits += rules.Allows(A2) ? 1 : 0;
        });
        Assert.Equal(2000, hits);
    }

    [Theory]
    [InlineData("3", 3UL, 1)]
    [InlineData("35349006", 35349006UL, 8)]
    [InlineData("353490069873301", 35349006987330UL, 14)]
    public void ImeiPrefix_TryParse_KeepsIdentityDigits(string text, ulong value, int digits)
    {
        Assert.True(ImeiPrefix.TryParse(text, out var prefix));
        Assert.Equal(new ImeiPrefix(value, digits), prefix);
    }

    [Theory]
    [InlineData("")]
    [InlineData("35a")]
    [InlineData("35349006987330123")]
    public void ImeiPrefix_TryParse_RejectsNonDigitsAndOverlong(string text) => Assert.False(ImeiPrefix.TryParse(text, out _));

    internal static DeviceRules? Rule(string rule) => rule switch
    {
        "none" => null,
        "imei:A" => new DeviceRules([A], [], []),
        "pool:A,B" => new DeviceRules([A, B], [], []),
        "tac:35349006" => new DeviceRules([], [35349006], []),
        "policy-only" => new DeviceRules([], [], [], new PolicyOverride { AutoResume = true }),
        _ when rule.StartsWith("prefix:", StringComparison.Ordinal) && ImeiPrefix.TryParse(rule[7..], out var p) => new DeviceRules([], [], [p]),
        _ => throw new ArgumentException(rule),
    };

    internal static Imei Named(string? name) => name switch
    {
        "A" => A,
        "A2" => A2,
        "B" => B,
        null => default,
        _ => throw new ArgumentException(name),
    };

    internal static Imei Parse(string digits) => Imei.TryParse(digits, out var imei) ? imei : throw new ArgumentException(digits);
}
