using System.Net;
using ImeiGuard.Daemon.ControlPlane;
using ImeiGuard.Daemon.ControlPlane.Hardening;
using Microsoft.Extensions.Options;

namespace ImeiGuard.IntegrationTests.Hardening;

/// <summary>The lockout table on its own, with a clock the test moves: window, duration, the address cap and IPv6 prefixes.</summary>
public sealed class AuthenticationLockoutTableTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void RecordFailure_FailuresSpreadOverWindows_NeverLock()
    {
        var lockout = Create(new LockoutOptions { MaxFailures = 3, Window = TimeSpan.FromSeconds(10) });
        var address = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 10; i++)
        {
            Assert.False(lockout.RecordFailure(address));
            Assert.False(lockout.RecordFailure(address));
            _clock.Advance(TimeSpan.FromSeconds(11));
        }

        Assert.False(lockout.IsLockedOut(address, out _));
    }

    [Fact]
    public void RecordFailure_MaxFailuresInWindow_LocksForDurationOnly()
    {
        var lockout = Create(new LockoutOptions { MaxFailures = 3, Duration = TimeSpan.FromMinutes(2) });
        var address = IPAddress.Parse("192.0.2.1");
        Assert.False(lockout.RecordFailure(address));
        Assert.False(lockout.RecordFailure(address));
        Assert.True(lockout.RecordFailure(address));

        Assert.True(lockout.IsLockedOut(address, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(2), retryAfter);
        Assert.False(lockout.IsLockedOut(IPAddress.Parse("192.0.2.2"), out _));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(lockout.IsLockedOut(address, out _));
    }

    [Fact]
    public void RecordFailure_Ipv6_SameSlash64SharesOneCount()
    {
        var lockout = Create(new LockoutOptions { MaxFailures = 2 });
        Assert.False(lockout.RecordFailure(IPAddress.Parse("2001:db8:1:2::10")));
        Assert.True(lockout.RecordFailure(IPAddress.Parse("2001:db8:1:2:ffff::99")));
        Assert.True(lockout.IsLockedOut(IPAddress.Parse("2001:db8:1:2::1"), out _));
        Assert.False(lockout.IsLockedOut(IPAddress.Parse("2001:db8:1:3::10"), out _));

        // An IPv4 client seen through a dual-stack socket is the same client.
        Assert.False(lockout.RecordFailure(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.True(lockout.RecordFailure(IPAddress.Parse("192.0.2.7")));
    }

    [Fact]
    public void RecordFailure_TableFull_DropsUnlockedEntries_KeepsLockouts()
    {
        var lockout = Create(new LockoutOptions { MaxFailures = 2, MaxTrackedAddresses = 100 });
        for (var i = 0; i < 100; i++)
        {
            lockout.RecordFailure(Address(i));
            lockout.RecordFailure(Address(i)); // every tracked address is now locked out
        }

        // A new address finds no room: it is not tracked (counted), and no lockout is freed for it.
        var untracked = AbuseMetrics.LockoutUntracked.Value;
        Assert.False(lockout.RecordFailure(Address(1000)));
        Assert.False(lockout.RecordFailure(Address(1000)));
        Assert.Equal(untracked + 2, AbuseMetrics.LockoutUntracked.Value);
        Assert.True(lockout.IsLockedOut(Address(0), out _));

        // Once the lockouts expire, 10,000 one-off failures from distinct addresses stay within the cap.
        _clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 10_000; i++)
        {
            lockout.RecordFailure(Address(2000 + i));
        }

        Assert.InRange(lockout.TrackedAddresses, 1, 100);
    }

    private static IPAddress Address(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);

    private AuthenticationLockout Create(LockoutOptions options) =>
        new(Options.Create(new ControlPlaneOptions { Lockout = options }), _clock);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
