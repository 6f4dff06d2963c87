using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

public sealed class BindingRulesTests
{
    private static readonly Imei DeviceA = Device("35349006987330");
    private static readonly Imei DeviceB = Device("86446103207724");

    public static TheoryData<LockState, string?, string?, VerdictKind, LockState, string?> Observations => new()
    {
        // state before, bound, observed, verdict, state after, bound after
        { LockState.Disabled, null, "A", VerdictKind.NotEnforced, LockState.Disabled, null },
        { LockState.Disabled, null, null, VerdictKind.NotEnforced, LockState.Disabled, null },
        { LockState.Armed, null, null, VerdictKind.NoDevice, LockState.Armed, null },
        { LockState.Armed, null, "A", VerdictKind.Paired, LockState.Locked, "A" },
        { LockState.Locked, "A", "A", VerdictKind.Match, LockState.Locked, "A" },
        { LockState.Locked, "A", null, VerdictKind.NoDevice, LockState.Locked, "A" },
        { LockState.Locked, "A", "B", VerdictKind.Violation, LockState.Violated, "A" },
        { LockState.Violated, "A", "B", VerdictKind.ViolationRepeated, LockState.Violated, "A" },
        { LockState.Violated, "A", "A", VerdictKind.Match, LockState.Violated, "A" },
        { LockState.Violated, "A", null, VerdictKind.NoDevice, LockState.Violated, "A" },
    };

    [Theory]
    [MemberData(nameof(Observations))]
    public void Decide_EachStateAndDevice_GivesDocumentedTransition(LockState before, string? bound, string? observed, VerdictKind verdict, LockState after, string? boundAfter)
    {
        var current = new LockStatus(before, Named(bound), default, 0);

        var result = BindingRules.Decide(current, Named(observed));

        Assert.Equal(verdict, result.Kind);
        Assert.Equal(after, result.Next.State);
        Assert.Equal(Named(boundAfter), result.Next.BoundImei);
    }

    [Fact]
    public void Decide_Violation_RecordsViolatingDeviceAndStartsNewEpisode()
    {
        var result = BindingRules.Decide(new LockStatus(LockState.Locked, DeviceA, default, 4), DeviceB);

        Assert.Equal(DeviceB, result.Next.ViolatingImei);
        Assert.Equal(5, result.Next.Episode);
        Assert.True(result.IsTransition);
    }

    [Fact]
    public void Decide_ImeisvOfBoundDevice_IsAMatch()
    {
        // Same TAC+SNR, different software version: the same device.
        Assert.True(Imei.TryParse("3534900698733012"u8, out var sv1));
        Assert.True(Imei.TryParse("3534900698733099"u8, out var sv2));

        var result = BindingRules.Decide(new LockStatus(LockState.Locked, sv1, default, 0), sv2);

        Assert.Equal(VerdictKind.Match, result.Kind);
    }

    public static TheoryData<LockState, LockAction, LockState, bool, bool> Actions => new()
    {
        // state before, action, state after, changed, emits resume
        { LockState.Disabled, LockAction.Enable, LockState.Armed, true, false },
        { LockState.Armed, LockAction.Enable, LockState.Armed, false, false },
        { LockState.Locked, LockAction.Enable, LockState.Locked, false, false },
        { LockState.Violated, LockAction.Enable, LockState.Violated, false, false },
        { LockState.Disabled, LockAction.Reset, LockState.Disabled, false, false },
        { LockState.Armed, LockAction.Reset, LockState.Armed, false, false },
        { LockState.Locked, LockAction.Reset, LockState.Armed, true, false },
        { LockState.Violated, LockAction.Reset, LockState.Armed, true, true },
        { LockState.Disabled, LockAction.Disable, LockState.Disabled, false, false },
        { LockState.Armed, LockAction.Disable, LockState.Disabled, true, false },
        { LockState.Locked, LockAction.Disable, LockState.Disabled, true, false },
        { LockState.Violated, LockAction.Disable, LockState.Disabled, true, true },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Apply_EachStateAndAction_GivesDocumentedTransition(LockState before, LockAction action, LockState after, bool changed, bool resume)
    {
        var bound = before is LockState.Locked or LockState.Violated ? DeviceA : default;
        var violating = before == LockState.Violated ? DeviceB : default;

        var outcome = BindingRules.Apply(new LockStatus(before, bound, violating, 1), action);

        Assert.Equal(after, outcome.Next.State);
        Assert.Equal(changed, outcome.Changed);
        Assert.Equal(resume, outcome.EmitsResume);
        if (after is LockState.Armed or LockState.Disabled)
        {
            Assert.True(outcome.Next.BoundImei.IsEmpty);
        }
    }

    [Fact]
    public void Sequence_ResetThenNewDevice_PairsNewDevice()
    {
        var status = new LockStatus(LockState.Armed, default, default, 0);
        status = BindingRules.Decide(status, DeviceA).Next;
        status = BindingRules.Decide(status, DeviceB).Next;
        Assert.Equal(LockState.Violated, status.State);

        status = BindingRules.Apply(status, LockAction.Reset).Next;
        var paired = BindingRules.Decide(status, DeviceB);

        Assert.Equal(VerdictKind.Paired, paired.Kind);
        Assert.Equal(DeviceB, paired.Next.BoundImei);
        Assert.Equal(1, paired.Next.Episode);
    }

    private static Imei Named(string? name) => name switch
    {
        "A" => DeviceA,
        "B" => DeviceB,
        _ => default,
    };

    private static Imei Device(string digits)
    {
        Assert.True(Imei.TryParse(System.Text.Encoding.ASCII.GetBytes(digits), out var imei));
        return imei;
    }
}
