using System.Globalization;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Subscribers;

/// <summary>The learned maps stop growing at their capacity, and what they already hold keeps updating.</summary>
public sealed class SubscriberDirectoryCapacityTests
{
    [Fact]
    public void Learn_BeyondCapacity_IsNotLearned_ButKnownSimsStillUpdate()
    {
        var directory = new SubscriberDirectory(new ListRegistry(), learnedCapacity: 3);
        for (var i = 0; i < 5; i++)
        {
            directory.Learn(ImsiOf(i), MsisdnOf(i), ImeiOf(i));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(i < 3, directory.TryResolve(IdentifierType.Msisdn, MsisdnText(i), out _));
            Assert.Equal(i < 3, directory.TryResolve(IdentifierType.Imei, ImeiText(i), out _));
        }

        // A SIM already held moves to a new number even at capacity: the cap limits keys, not updates.
        directory.Learn(ImsiOf(0), MsisdnOf(7), default);
        Assert.True(directory.TryResolve(IdentifierType.Msisdn, MsisdnText(7), out var moved));
        Assert.Equal(ImsiOf(0), moved);
    }

    [Fact]
    public void Register_CountsTowardsCapacity_AndIsAlwaysKept()
    {
        var registry = new ListRegistry();
        registry.Upsert(new RegisteredSubscriber(ImsiOf(0).Packed, MsisdnOf(0).Packed, null));
        var directory = new SubscriberDirectory(registry, learnedCapacity: 1);

        directory.Learn(ImsiOf(1), MsisdnOf(1), default);
        directory.Register(ImsiOf(2), MsisdnOf(2), null);

        Assert.True(directory.TryResolve(IdentifierType.Msisdn, MsisdnText(0), out _));
        Assert.False(directory.TryResolve(IdentifierType.Msisdn, MsisdnText(1), out _));
        Assert.True(directory.TryResolve(IdentifierType.Msisdn, MsisdnText(2), out _));
    }

    private static Imsi ImsiOf(int i) => Imsi.TryParse(string.Create(CultureInfo.InvariantCulture, $"26201000000{i:D4}"), out var v) ? v : throw new InvalidOperationException();

    private static string MsisdnText(int i) => string.Create(CultureInfo.InvariantCulture, $"4917500000{i:D3}");

    private static Msisdn MsisdnOf(int i) => Msisdn.TryParse(MsisdnText(i), out var v) ? v : throw new InvalidOperationException();

    private static string ImeiText(int i) => string.Create(CultureInfo.InvariantCulture, $"35693803{i:D6}");

    private static Imei ImeiOf(int i) => Imei.TryParse(ImeiText(i), out var v) ? v : throw new InvalidOperationException();

    /// <summary>The registry kept in a list: the directory's persistence, without a database.</summary>
    private sealed class ListRegistry : ISubscriberRegistry
    {
        private readonly List<RegisteredSubscriber> _rows = [];

        public IReadOnlyList<RegisteredSubscriber> LoadAll() => _rows;

        public void Upsert(RegisteredSubscriber subscriber) => _rows.Add(subscriber);
    }
}
