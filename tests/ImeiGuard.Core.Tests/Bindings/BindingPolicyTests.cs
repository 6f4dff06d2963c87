using ImeiGuard.Core.Bindings;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>Every policy (mismatch action, missing IMEI, auto-resume with debounce) against every state.</summary>
public sealed class BindingPolicyTests
{
    public static TheoryData<MismatchAction, LockState, string?, VerdictKind, LockState, bool, bool> Mismatches => new()
    {
        // action, state before, observed (null = no IMEI), verdict, state after, emits block, alert-only after
        { MismatchAction.Block, LockState.Locked, "B", VerdictKind.Violation, LockState.Violated, true, false },
        { MismatchAction.Alert, LockState.Locked, "B", VerdictKind.ViolationAlert, LockState.Violated, false, true },
        { MismatchAction.DryRun, LockState.Locked, "B", VerdictKind.ViolationDryRun, LockState.Locked, false, false },
        { MismatchAction.Block, LockState.Locked, "A", VerdictKind.Match, LockState.Locked, false, false },
        { MismatchAction.Alert, LockState.Locked, "A", VerdictKind.Match, LockState.Locked, false, false },
        { MismatchAction.DryRun, LockState.Locked, "A", VerdictKind.Match, LockState.Locked, false, false },
        { MismatchAction.Alert, LockState.Violated, "B", VerdictKind.ViolationRepeated, LockState.Violated, false, false },
        { MismatchAction.DryRun, LockState.Armed, "B", VerdictKind.Paired, LockState.Locked, false, false },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Decide_MismatchAction_GivesDocumentedVerdict(MismatchAction action, LockState before, string? observed, VerdictKind verdict, LockState after, bool block, bool alertOnly)
    {
        var current = new LockStatus(before, before == LockState.Armed ? default : A, default, 3);
        var policy = BindingPolicy.Default with { OnMismatch = action };

        var result = BindingRules.Decide(current, Named(observed), null, policy, 5_000);

        Assert.Equal(verdict, result.Kind);
        Assert.Equal(after, result.Next.State);
        Assert.Equal(block, result.EmitsBlock);
        Assert.Equal(alertOnly, result.Next.AlertOnly);
        if (verdict is VerdictKind.Violation or VerdictKind.ViolationAlert)
        {
            Assert.Equal(4, result.Next.Episode);
            Assert.Equal(5_000, result.Next.EpisodeAtMs);
        }
        else
        {
            Assert.Equal(3, result.Next.Episode);
        }
    }

    public static TheoryData<MissingImeiAction, MismatchAction, LockState, VerdictKind, LockState, bool> MissingImei => new()
    {
        // missing-IMEI action, mismatch action, state before, verdict, state after, emits block
        { MissingImeiAction.Allow, MismatchAction.Block, LockState.Armed, VerdictKind.NoDevice, LockState.Armed, false },
        { MissingImeiAction.Allow, MismatchAction.Block, LockState.Locked, VerdictKind.NoDevice, LockState.Locked, false },
        { MissingImeiAction.Alert, MismatchAction.Block, LockState.Armed, VerdictKind.NoDeviceAlert, LockState.Armed, false },
        { MissingImeiAction.Alert, MismatchAction.Block, LockState.Locked, VerdictKind.NoDeviceAlert, LockState.Locked, false },
        { MissingImeiAction.Alert, MismatchAction.Block, LockState.Violated, VerdictKind.NoDevice, LockState.Violated, false },
        { MissingImeiAction.Block, MismatchAction.Block, LockState.Armed, VerdictKind.Violation, LockState.Violated, true },
        { MissingImeiAction.Block, MismatchAction.Block, LockState.Locked, VerdictKind.Violation, LockState.Violated, true },
        { MissingImeiAction.Block, MismatchAction.DryRun, LockState.Locked, VerdictKind.Violation, LockState.Violated, true },
        { MissingImeiAction.Block, MismatchAction.Block, LockState.Violated, VerdictKind.NoDevice, LockState.Violated, false },
        { MissingImeiAction.Block, MismatchAction.Block, LockState.Disabled, VerdictKind.NotEnforced, LockState.Disabled, false },
    };

    [Theory]
    [MemberData(nameof(MissingImei))]
    public void Decide_MissingImeiAction_GivesDocumentedVerdict(MissingImeiAction missing, MismatchAction mismatch, LockState before, VerdictKind verdict, LockState after, bool block)
    {
        var current = new LockStatus(before, before is LockState.Locked or LockState.Violated ? A : default, default, 0);
        var policy = BindingPolicy.Default with { OnMissingImei = missing, OnMismatch = mismatch };

        var result = BindingRules.Decide(current, default, null, policy, 1_000);

        Assert.Equal(verdict, result.Kind);
        Assert.Equal(after, result.Next.State);
        Assert.Equal(block, result.EmitsBlock);
        if (block)
        {
            Assert.True(result.Next.ViolatingImei.IsEmpty);
        }
    }

    public static TheoryData<bool, string?, string, long, VerdictKind, LockState> Resumes => new()
    {
        // auto-resume, rule, observed, ms since the episode started (debounce 60 s), verdict, state after
        { false, null, "A", 120_000, VerdictKind.Match, LockState.Violated },
        { true, null, "A", 120_000, VerdictKind.Resumed, LockState.Locked },
        { true, null, "A", 60_000, VerdictKind.Resumed, LockState.Locked },
        { true, null, "A", 59_999, VerdictKind.Match, LockState.Violated },
        { true, null, "B", 120_000, VerdictKind.ViolationRepeated, LockState.Violated },
        { true, "tac:35349006", "A2", 120_000, VerdictKind.Resumed, LockState.Locked },
        { true, "tac:35349006", "B", 120_000, VerdictKind.ViolationRepeated, LockState.Violated },
        { true, "pool:A,B", "B", 120_000, VerdictKind.Resumed, LockState.Locked },
    };

    [Theory]
    [MemberData(nameof(Resumes))]
    public void Decide_AutoResumeAndDebounce_GivesDocumentedVerdict(bool autoResume, string? rule, string observed, long sinceEpisodeMs, VerdictKind verdict, LockState after)
    {
        var current = new LockStatus(LockState.Violated, A, B, 1) { EpisodeAtMs = 1_000_000 };
        var policy = BindingPolicy.Default with { AutoResume = autoResume };

        var result = BindingRules.Decide(current, Named(observed), rule is null ? null : Rule(rule), policy, 1_000_000 + sinceEpisodeMs);

        Assert.Equal(verdict, result.Kind);
        Assert.Equal(after, result.Next.State);
        if (verdict == VerdictKind.Resumed)
        {
            Assert.True(result.Next.ViolatingImei.IsEmpty);
            Assert.Equal(A, result.Next.BoundImei);
            Assert.Equal(1, result.Next.Episode);
        }
    }

    [Fact]
    public void Decide_ResumeAfterArmedViolation_BindsTheReturningDevice()
    {
        var current = new LockStatus(LockState.Violated, default, B, 1) { EpisodeAtMs = 0 };

        var result = BindingRules.Decide(current, A, Rule("imei:A"), BindingPolicy.Default with { AutoResume = true }, 60_000);

        Assert.Equal(VerdictKind.Resumed, result.Kind);
        Assert.Equal(A, result.Next.BoundImei);
    }

    [Theory]
    [InlineData(false, LockAction.Reset, true)]
    [InlineData(false, LockAction.Disable, true)]
    [InlineData(true, LockAction.Reset, false)]
    [InlineData(true, LockAction.Disable, false)]
    public void Apply_LeavingViolation_ResumesOnlyWhatWasBlocked(bool alertOnly, LockAction action, bool resume)
    {
        var current = new LockStatus(LockState.Violated, A, B, 1) { AlertOnly = alertOnly };

        var outcome = BindingRules.Apply(current, action);

        Assert.Equal(resume, outcome.EmitsResume);
        Assert.False(outcome.Next.AlertOnly);
    }

    [Fact]
    public void PolicyOverride_NullFields_FallBackToGlobal()
    {
        var global = BindingPolicy.Default with { OnMissingImei = MissingImeiAction.Alert };

        var effective = new PolicyOverride { OnMismatch = MismatchAction.DryRun, MinEpisodeIntervalMs = 5 }.Over(global);

        Assert.Equal(MismatchAction.DryRun, effective.OnMismatch);
        Assert.Equal(MissingImeiAction.Alert, effective.OnMissingImei);
        Assert.False(effective.AutoResume);
        Assert.Equal(5, effective.MinEpisodeIntervalMs);
    }
}
