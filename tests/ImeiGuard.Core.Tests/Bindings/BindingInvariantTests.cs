using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;
using static ImeiGuard.Core.Tests.Bindings.DeviceRulesTests;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>
/// Property-style checks: random sequences of observations and admin actions (fixed seeds, so a failure
/// reproduces) under random rules and policies, asserting the invariants the enforcer relies on.
/// </summary>
public sealed class BindingInvariantTests
{
    private static readonly Imei[] Pool = [A, A2, B, default];
    private static readonly string?[] RuleNames = [null, "imei:A", "pool:A,B", "tac:35349006", "prefix:86", "policy-only"];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomSequence_KeepsInvariants(int seed)
    {
        var random = new Random(seed);
        var policy = new BindingPolicy
        {
            OnMismatch = (MismatchAction)random.Next(3),
            OnMissingImei = (MissingImeiAction)random.Next(3),
            AutoResume = random.Next(2) == 1,
            MinEpisodeIntervalMs = random.Next(3) * 30_000,
        };
        var ruleName = RuleNames[random.Next(RuleNames.Length)];
        var rules = ruleName is null ? null : Rule(ruleName);
        var status = new LockStatus(LockState.Armed, default, default, 0);
        var now = 0L;
        var blockedEpisodes = new HashSet<long>();
        var lastEpisodeAt = 0L;
        var endedByAutoResume = false;

        for (var step = 0; step < 500; step++)
        {
            now += random.Next(0, 20_000);
            if (random.Next(20) == 0)
            {
                var action = (LockAction)random.Next(1, 4);
                var outcome = BindingRules.Apply(status, action);
                Assert.True(!outcome.EmitsResume || (status.State == LockState.Violated && !status.AlertOnly), $"seed {seed} step {step}: resume without a block");
                endedByAutoResume &= !outcome.Changed;
                status = outcome.Next;
                continue;
            }

            var observed = Pool[random.Next(Pool.Length)];
            var before = status;
            var verdict = BindingRules.Decide(before, observed, rules, policy, now);

            // A locked SIM never pairs (or rebinds to) a second device without RESET.
            if (before.State is LockState.Locked or LockState.Violated && !before.BoundImei.IsEmpty)
            {
                Assert.Equal(before.BoundImei, verdict.Next.BoundImei);
                Assert.NotEqual(VerdictKind.Paired, verdict.Kind);
            }

            // Dry run and alert never emit a block for a mismatch; dry run changes nothing.
            if (policy.OnMismatch != MismatchAction.Block && !observed.IsEmpty)
            {
                Assert.False(verdict.EmitsBlock, $"seed {seed} step {step}: {policy.OnMismatch} emitted a block");
            }

            if (verdict.Kind == VerdictKind.ViolationDryRun)
            {
                Assert.Equal(before, verdict.Next);
            }

            // One block per episode.
            if (verdict.EmitsBlock)
            {
                Assert.True(blockedEpisodes.Add(verdict.Next.Episode), $"seed {seed} step {step}: second block in episode {verdict.Next.Episode}");
            }

            // Debounce: an episode that follows an auto-resume starts at least the interval after the previous one.
            if (verdict.Kind is VerdictKind.Violation or VerdictKind.ViolationAlert)
            {
                Assert.True(!endedByAutoResume || now - lastEpisodeAt >= policy.MinEpisodeIntervalMs, $"seed {seed} step {step}: episodes {now - lastEpisodeAt} ms apart");
                lastEpisodeAt = now;
                endedByAutoResume = false;
            }

            endedByAutoResume |= verdict.Kind == VerdictKind.Resumed;

            // Episodes only grow; Violated always carries the episode's start.
            Assert.True(verdict.Next.Episode >= before.Episode);
            status = verdict.Next;
        }
    }

    [Fact]
    public void Flapping_WithAutoResume_GivesOneBlockPerInterval()
    {
        var policy = BindingPolicy.Default with { AutoResume = true };
        var status = new LockStatus(LockState.Locked, A, default, 0);
        var blocks = 0;

        // Two devices alternating every second for ten minutes.
        for (var second = 0; second < 600; second++)
        {
            var verdict = BindingRules.Decide(status, second % 2 == 0 ? B : A, null, policy, second * 1000L);
            blocks += verdict.EmitsBlock ? 1 : 0;
            status = verdict.Next;
        }

        Assert.Equal(10, blocks);
    }
}
