using CsCheck;
using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Ingest;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

/// <summary>
/// Properties of the enforcer itself (table, store writes and commands), over random interleavings of several
/// SIMs' records and admin actions, generated and shrunk by CsCheck. <see cref="BindingInvariantTests"/> covers the
/// pure verdict; these check what reaches the outbox.
/// </summary>
public sealed class BindingEnforcerProperties
{
    private const int Sims = 3;
    private static readonly Imei[] Devices = [Device("86446103207724"), Device("35349006610128"), Device("01234567890123"), default];

    /// <summary>One step: an admin action (1..3 = ENABLE, DISABLE, RESET) or a record (0) of a SIM in a device.</summary>
    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Int[0, 9], Gen.Int[0, Sims - 1], Gen.Int[0, Devices.Length - 1], Gen.Int[0, 90_000],
        static (kind, sim, device, gapMs) => new Step(kind <= 2 ? (LockAction)(kind + 1) : null, sim, device, gapMs));

    private static readonly Gen<(MismatchAction Mismatch, bool AutoResume, Step[] Steps)> Scenario =
        Gen.Select(Gen.Enum<MismatchAction>(), Gen.Bool, StepGen.Array[1, 120]);

    [Fact]
    public void BlockAndResumeCommands_AlternatePerSim_WithOneEpisodeEach()
    {
        Scenario.Sample(static scenario =>
        {
            var (store, _) = Run(scenario);
            foreach (var perSim in store.Commands.GroupBy(c => c.ImsiPacked))
            {
                var imsi = Imsi.FromPacked(perSim.Key);
                var episode = 0;
                var expected = "block";
                foreach (var command in perSim)
                {
                    Assert.Equal(expected, command.Kind);
                    episode += expected == "block" ? 1 : 0;
                    Assert.Equal($"{expected}:{imsi}:{episode}", command.IdempotencyKey);
                    expected = expected == "block" ? "resume" : "block";
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void DryRun_NeverWritesACommandOrLeavesLocked()
    {
        Scenario.Where(static s => s.Mismatch == MismatchAction.DryRun).Sample(static scenario =>
        {
            var (store, enforcer) = Run(scenario);
            Assert.Empty(store.Commands);
            for (var sim = 0; sim < Sims; sim++)
            {
                Assert.NotEqual(LockState.Violated, enforcer.Find(Sim(sim))?.State ?? LockState.Disabled);
            }
        }, iter: 200);
    }

    [Fact]
    public void LockedSim_KeepsItsDevice_UntilAnAdminAction()
    {
        Scenario.Sample(static scenario => Run(scenario, static (step, before, after, _) =>
        {
            if (step.Action is null && before is { State: LockState.Locked or LockState.Violated })
            {
                Assert.Equal(before.BoundImei, after!.BoundImei);
            }
        }), iter: 300);
    }

    [Fact]
    public void StoreAndMemory_AgreeAfterEveryStep()
    {
        Scenario.Sample(static scenario => Run(scenario, static (step, _, memory, store) =>
        {
            // An admin action that changes nothing may leave a Disabled entry in memory and no row: both mean "no binding".
            var stored = store.Find(Sim(step.Sim));
            Assert.Equal(memory?.State ?? LockState.Disabled, stored?.State ?? LockState.Disabled);
            Assert.Equal(memory?.BoundImei ?? default, stored?.BoundImei ?? default);
            Assert.Equal(memory?.Episode ?? 0, stored?.Episode ?? 0);
        }), iter: 200);
    }

    /// <summary>Plays the steps in order; <paramref name="afterStep"/> sees each step with its SIM's binding before and after it.</summary>
    private static (RecordingBindingStore Store, BindingEnforcer Enforcer) Run(
        (MismatchAction Mismatch, bool AutoResume, Step[] Steps) scenario,
        Action<Step, BindingRecord?, BindingRecord?, RecordingBindingStore>? afterStep = null)
    {
        var store = new RecordingBindingStore();
        var enforcer = NewEnforcer(scenario.Mismatch, scenario.AutoResume, store);
        var now = 1_000_000L;
        foreach (var step in scenario.Steps)
        {
            now += step.GapMs;
            var before = enforcer.Find(Sim(step.Sim));
            Apply(enforcer, step, now);
            afterStep?.Invoke(step, before, enforcer.Find(Sim(step.Sim)), store);
        }

        return (store, enforcer);
    }

    private static BindingEnforcer NewEnforcer(MismatchAction mismatch, bool autoResume, RecordingBindingStore store) =>
        new(store, new SubscriberDirectory(new EmptyRegistry()), TimeProvider.System, policy: BindingPolicy.Default with { OnMismatch = mismatch, AutoResume = autoResume });

    private static void Apply(BindingEnforcer enforcer, Step step, long now)
    {
        if (step.Action is { } action)
        {
            enforcer.Apply(Sim(step.Sim), action);
            return;
        }

        var device = Devices[step.Device];
        var observation = new Observation
        {
            Imsi = Sim(step.Sim),
            Pei = device.IsEmpty ? default : new Pei(device, PeiKind.Imeisv16, PeiWireForm.Ascii, 14, null),
            AtUnixMs = now,
            Source = ObservationSource.RadiusAccounting,
            SourceName = "property",
        };
        enforcer.Observe(observation);
    }

    private static Imsi Sim(int index) => Imsi.TryParse($"26201774595650{index}", out var imsi) ? imsi : throw new InvalidOperationException();

    private static Imei Device(string digits) => Imei.TryParse(digits, out var imei) ? imei : throw new InvalidOperationException(digits);

    private readonly record struct Step(LockAction? Action, int Sim, int Device, int GapMs);

    private sealed class EmptyRegistry : ISubscriberRegistry
    {
        public IReadOnlyList<RegisteredSubscriber> LoadAll() => [];

        public void Upsert(RegisteredSubscriber subscriber)
        {
        }
    }
}
